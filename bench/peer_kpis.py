#!/usr/bin/env python3
"""The peer of issue 7: Kizashi's KPIs written as SQL over the same canonical CSVs, in DuckDB or
SQLite, to cross-check our numbers and compare speed.

    bench/peer_kpis.py --engine duckdb|sqlite --package DIR --period 2026Q3 [--ours ours.json] [--db FILE]

Loads the package (DuckDB: its CSV reader; SQLite: Python's csv module into a durable file),
computes the KPIs below for the period with one SQL query per KPI group, prints the JSON, and with
--ours compares KPI by KPI with `kizashi kpi --format json` (relative tolerance 1e-9), printing
load time and query-only time.

Covered so far (kpis.md): targets; Phase 2 (engagement score, engaged, web visits, traffic share,
intent, competitor research, surging accounts); Phase 3 (SQLs, meetings, opportunities, pipeline);
Phase 4 (win rates and lift, closed-won revenue, ACV, ARPA, annual churn, lifetime, LTV, ABM cost,
ROI, pipeline per cost); the funnel's step counts; ICP coverage (target_coverage, icp_companies, targets_outside_icp, list_precision); and all of these
by tier (by_tier). Not yet: data quality (phase 1), monthly series. Workspace time zone: Asia/Tokyo
(+09:00, no DST), as in the demo and the hand-worked fixture.
"""
import argparse, csv, datetime, json, math, os, re, sys, time

TZ_MS = 9 * 3600 * 1000
EPOCH = datetime.date(1970, 1, 1)
TRUE = {"true", "1", "yes", "y", "t"}


def day_num(s):
    if s is None or s == "":
        return None
    return (datetime.date.fromisoformat(s[:10]) - EPOCH).days


def ts_ms(s):
    if s is None or s == "":
        return None
    t = s.strip().replace(" ", "T", 1)
    if not re.search(r"(Z|z|[+-]\d\d:?\d\d)$", t):
        t += "+09:00"
    t = t.replace("z", "Z").replace("Z", "+00:00")
    return int(datetime.datetime.fromisoformat(t).timestamp() * 1000)


def period_bounds(label):
    m = re.fullmatch(r"(\d{4})Q([1-4])", label)
    if m:
        y, q = int(m[1]), int(m[2])
        start = datetime.date(y, 3 * q - 2, 1)
        end = datetime.date(y + (q == 4), 1 if q == 4 else 3 * q + 1, 1)
    elif re.fullmatch(r"\d{4}-\d{2}", label):
        y, mo = map(int, label.split("-"))
        start = datetime.date(y, mo, 1)
        end = datetime.date(y + (mo == 12), 1 if mo == 12 else mo + 1, 1)
    else:
        raise SystemExit(f"period {label}: use 2026Q3 or 2026-09")
    return (start - EPOCH).days, (end - EPOCH).days


# ---------------------------------------------------------------- loading

NUMBER = re.compile(r"[+-]?(?=[0-9.]*[0-9])[0-9]*\.?[0-9]*")


def company_attrs(pkg):
    """companies.csv as (id, industry, country, region, employees, revenue) with the ICP's
    comparison rules of data-format.md §icp.json applied: text trimmed, NFKC, case-insensitive;
    numbers only when plain decimals (\"1,200\" is not a number)."""
    import unicodedata
    path = os.path.join(pkg, "companies.csv")
    rows = {}
    if not os.path.exists(path):
        return []
    def text(v):
        v = (v or "").strip()
        return unicodedata.normalize("NFKC", v).lower().strip() if v else None
    def num(v):
        v = (v or "").strip()
        return float(v) if v and NUMBER.fullmatch(v) else None
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            rows[r["company_id"]] = (r["company_id"], text(r.get("industry")), text(r.get("country")),
                                     text(r.get("region")), num(r.get("employees")), num(r.get("annual_revenue")))
    return list(rows.values())


def icp_condition(pkg):
    """The ICP (icp.json) as a SQL condition on company_attrs, or None when there is no ICP."""
    import unicodedata
    path = os.path.join(pkg, "icp.json")
    if not os.path.exists(path):
        return None
    icp = json.load(open(path, encoding="utf-8"))
    conds = ["1 = 1"]
    def lit(v):
        return "'" + unicodedata.normalize("NFKC", v.strip()).lower().strip().replace("'", "''") + "'"
    for key, col in (("industries", "industry"), ("countries", "country"), ("regions", "region")):
        if icp.get(key) is not None:
            conds.append(f"{col} IN ({', '.join(lit(v) for v in icp[key]) or 'NULL'})")
    for key, col in (("employees", "employees"), ("annual_revenue", "revenue")):
        r = icp.get(key)
        if r is not None:
            conds.append(f"{col} IS NOT NULL")
            if r.get("min") is not None:
                conds.append(f"{col} >= {float(r['min'])}")
            if r.get("max") is not None:
                conds.append(f"{col} <= {float(r['max'])}")
    return " AND ".join(conds)


def load_sqlite(pkg, path):
    import sqlite3
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    db.create_function("exp", 1, math.exp)
    db.create_function("pow", 2, math.pow)

    def rows(name):
        p = os.path.join(pkg, name + ".csv")
        if not os.path.exists(p):
            return []
        with open(p, newline="", encoding="utf-8-sig") as f:
            return list(csv.DictReader(f))

    db.execute("CREATE TABLE companies (company_id TEXT PRIMARY KEY)")
    db.executemany("INSERT OR REPLACE INTO companies VALUES (?)", [(r["company_id"],) for r in rows("companies")])
    db.execute("CREATE TABLE company_attrs (company_id TEXT PRIMARY KEY, industry TEXT, country TEXT, region TEXT, employees REAL, revenue REAL)")
    db.executemany("INSERT INTO company_attrs VALUES (?,?,?,?,?,?)", company_attrs(pkg))
    db.execute("CREATE TABLE targets (company_id TEXT, tier INT, added INT, removed INT)")
    db.executemany("INSERT INTO targets VALUES (?,?,?,?)",
                   [(r["company_id"], int(r["tier"]), day_num(r["added_on"]), day_num(r.get("removed_on"))) for r in rows("targets")])
    db.execute("CREATE TABLE contacts (contact_id TEXT PRIMARY KEY, company_id TEXT)")
    db.executemany("INSERT OR REPLACE INTO contacts VALUES (?,?)", [(r["contact_id"], r["company_id"]) for r in rows("contacts")])
    db.execute("CREATE TABLE activities_raw (activity_id TEXT PRIMARY KEY, ms INT, type TEXT, company_id TEXT, contact_id TEXT)")
    db.executemany("INSERT OR REPLACE INTO activities_raw VALUES (?,?,?,?,?)",
                   [(r["activity_id"], ts_ms(r["occurred_at"]), r["type"], r.get("company_id") or None, r.get("contact_id") or None)
                    for r in rows("activities")])
    db.execute("""CREATE TABLE activities AS SELECT a.type, CAST((a.ms + %d) / 86400000 AS INT) AS day,
                  coalesce(a.company_id, c.company_id) AS account FROM activities_raw a
                  LEFT JOIN contacts c ON c.contact_id = a.contact_id""" % TZ_MS)
    db.execute("CREATE TABLE intent (signal_id TEXT PRIMARY KEY, company_id TEXT, day INT, topic TEXT, kind TEXT, score INT)")
    db.executemany("INSERT OR REPLACE INTO intent VALUES (?,?,?,?,?,?)",
                   [(r["signal_id"], r["company_id"], day_num(r["observed_on"]), r["topic"], r["kind"], int(r["score"])) for r in rows("intent")])
    db.execute("CREATE TABLE lead_stages (contact_id TEXT, stage TEXT, day INT)")
    db.executemany("INSERT INTO lead_stages VALUES (?,?,?)",
                   [(r["contact_id"], r["stage"], (ts_ms(r["reached_at"]) + TZ_MS) // 86400000) for r in rows("lead_stages")])
    db.execute("CREATE TABLE meetings (meeting_id TEXT PRIMARY KEY, company_id TEXT, day INT)")
    db.executemany("INSERT OR REPLACE INTO meetings VALUES (?,?,?)",
                   [(r["meeting_id"], r["company_id"], (ts_ms(r["held_at"]) + TZ_MS) // 86400000) for r in rows("meetings")])
    db.execute("CREATE TABLE opportunities (opportunity_id TEXT PRIMARY KEY, company_id TEXT, created INT, amount REAL, term INT, status TEXT, closed INT)")
    db.executemany("INSERT OR REPLACE INTO opportunities VALUES (?,?,?,?,?,?,?)",
                   [(r["opportunity_id"], r["company_id"], day_num(r["created_on"]), float(r["amount"]),
                     int(r["term_months"]) if r.get("term_months") else None, r["status"], day_num(r.get("closed_on"))) for r in rows("opportunities")])
    db.execute("CREATE TABLE contracts (contract_id TEXT PRIMARY KEY, company_id TEXT, s INT, e INT, annual_value REAL)")
    db.executemany("INSERT OR REPLACE INTO contracts VALUES (?,?,?,?,?)",
                   [(r["contract_id"], r["company_id"], day_num(r["start_on"]), day_num(r.get("end_on")),
                     float(r["annual_value"])) for r in rows("contracts")])
    db.execute("CREATE TABLE campaigns (campaign_id TEXT PRIMARY KEY, s INT, e INT, cost REAL, abm INT)")
    db.executemany("INSERT OR REPLACE INTO campaigns VALUES (?,?,?,?,?)",
                   [(r["campaign_id"], day_num(r["start_on"]), day_num(r["end_on"]), float(r["cost"]),
                     1 if (r.get("abm") or "").strip().lower() in TRUE else 0) for r in rows("campaigns")])
    db.commit()
    return db


def load_duckdb(pkg):
    import duckdb
    db = duckdb.connect()
    def src(name):
        return f"read_csv('{os.path.join(pkg, name)}.csv', header=true, all_varchar=true)"
    def ms(col):
        return (f"epoch_ms(CAST(CASE WHEN regexp_matches({col}, '(Z|z|[+-][0-9]{{2}}:?[0-9]{{2}})$') THEN {col} "
                f"ELSE {col} || '+09:00' END AS TIMESTAMPTZ))")
    def d(col):
        return f"(CAST({col} AS DATE) - DATE '1970-01-01')"
    db.execute(f"CREATE TABLE companies AS SELECT DISTINCT company_id FROM {src('companies')}")
    # The ICP's NFKC comparison has no DuckDB function: normalise in Python, hand over as a CSV
    # (DuckDB's executemany is row by row and far slower).
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".csv", newline="", encoding="utf-8", delete=False) as f:
        w = csv.writer(f)
        w.writerow(["company_id", "industry", "country", "region", "employees", "revenue"])
        w.writerows(company_attrs(pkg))
        attrs_csv = f.name
    db.execute(f"""CREATE TABLE company_attrs AS SELECT * FROM read_csv('{attrs_csv}', header=true,
                   columns={{'company_id': 'VARCHAR', 'industry': 'VARCHAR', 'country': 'VARCHAR', 'region': 'VARCHAR',
                            'employees': 'DOUBLE', 'revenue': 'DOUBLE'}})""")
    os.remove(attrs_csv)
    db.execute(f"CREATE TABLE targets AS SELECT company_id, CAST(tier AS INT) AS tier, {d('added_on')} AS added, "
               f"CASE WHEN removed_on IS NULL OR removed_on = '' THEN NULL ELSE {d('removed_on')} END AS removed FROM {src('targets')}")
    db.execute(f"CREATE TABLE contacts AS SELECT contact_id, company_id FROM {src('contacts')}")
    db.execute(f"""CREATE TABLE activities AS SELECT a.type, CAST(floor(({ms('a.occurred_at')} + {TZ_MS}) / 86400000) AS INT) AS day,
                   coalesce(nullif(a.company_id, ''), c.company_id) AS account
                   FROM {src('activities')} a LEFT JOIN contacts c ON c.contact_id = nullif(a.contact_id, '')""")
    db.execute(f"CREATE TABLE intent AS SELECT signal_id, company_id, {d('observed_on')} AS day, topic, kind, CAST(score AS INT) AS score FROM {src('intent')}")
    db.execute(f"CREATE TABLE lead_stages AS SELECT contact_id, stage, CAST(floor(({ms('reached_at')} + {TZ_MS}) / 86400000) AS INT) AS day FROM {src('lead_stages')}")
    db.execute(f"CREATE TABLE meetings AS SELECT meeting_id, company_id, CAST(floor(({ms('held_at')} + {TZ_MS}) / 86400000) AS INT) AS day FROM {src('meetings')}")
    db.execute(f"""CREATE TABLE opportunities AS SELECT opportunity_id, company_id, {d('created_on')} AS created, CAST(amount AS DOUBLE) AS amount,
                   CAST(nullif(term_months, '') AS INT) AS term, status,
                   CASE WHEN closed_on IS NULL OR closed_on = '' THEN NULL ELSE {d('closed_on')} END AS closed FROM {src('opportunities')}""")
    db.execute(f"""CREATE TABLE contracts AS SELECT contract_id, company_id, {d('start_on')} AS s,
                   CASE WHEN end_on IS NULL OR end_on = '' THEN NULL ELSE {d('end_on')} END AS e,
                   CAST(annual_value AS DOUBLE) AS annual_value FROM {src('contracts')}""")
    db.execute(f"""CREATE TABLE campaigns AS SELECT campaign_id, {d('start_on')} AS s, {d('end_on')} AS e, CAST(cost AS DOUBLE) AS cost,
                   CASE WHEN lower(trim(coalesce(abm, ''))) IN ('true','1','yes','y','t') THEN 1 ELSE 0 END AS abm FROM {src('campaigns')}""")
    return db


# ---------------------------------------------------------------- the KPIs

def queries(start, end, tier=None, icp=None):
    L = end - 1
    # T: targets active on L; the latest added_on decides the tier (kpis.md §Period). With a tier,
    # T is that tier's targets (by_tier); N stays the universe minus the whole T.
    T_all = f"""(SELECT company_id, tier FROM (SELECT company_id, tier, row_number() OVER (PARTITION BY company_id ORDER BY added DESC) AS rn
            FROM targets WHERE added <= {L} AND (removed IS NULL OR removed > {L})) x WHERE rn = 1)"""
    T = T_all if tier is None else f"(SELECT company_id, tier FROM {T_all} y WHERE tier = {int(tier)})"
    score = f"""(SELECT account, 100 * (1 - exp(-sum(w * pow(0.5, ({L} - day) / 30.0) * 1.0) / 50)) AS score FROM (
            SELECT account, day, CASE type WHEN 'web_visit' THEN 1 WHEN 'email_open' THEN 1 WHEN 'email_click' THEN 3
              WHEN 'content_view' THEN 4 WHEN 'ad_click' THEN 2 WHEN 'form_submit' THEN 10 WHEN 'event_attend' THEN 12 END AS w
            FROM activities WHERE account IS NOT NULL AND {L} - day BETWEEN 0 AND 89) a GROUP BY account)"""
    q = {}
    q["targets"] = f"SELECT count(*) FROM {T} t"
    if icp is not None:
        # Phase 1 §target_coverage: I = companies matching the ICP.
        I = f"(SELECT company_id FROM company_attrs WHERE {icp})"
        q["icp_companies"] = f"SELECT count(*) FROM {I} i"
        q["icp_targets"] = f"SELECT count(*) FROM {T} t WHERE t.company_id IN {I}"
    q["avg_engagement"] = f"SELECT sum(coalesce(s.score, 0)) * 1.0 / count(*) FROM {T} t LEFT JOIN {score} s ON s.account = t.company_id"
    q["engaged_accounts"] = f"SELECT count(*) FROM {T} t JOIN {score} s ON s.account = t.company_id WHERE s.score >= 40"
    q["target_web_visit_rate"] = f"""SELECT count(DISTINCT a.account) * 1.0 / (SELECT count(*) FROM {T} x) FROM activities a
        JOIN {T} t ON t.company_id = a.account WHERE a.type = 'web_visit' AND a.day >= {start} AND a.day < {end}"""
    q["target_traffic_share"] = f"""SELECT sum(CASE WHEN t.company_id IS NOT NULL THEN 1 ELSE 0 END) * 1.0 / count(*) FROM activities a
        LEFT JOIN {T} t ON t.company_id = a.account WHERE a.type = 'web_visit' AND a.day >= {start} AND a.day < {end}"""
    q["intent_accounts"] = f"SELECT count(DISTINCT i.company_id) FROM intent i JOIN {T} t ON t.company_id = i.company_id WHERE i.day >= {start} AND i.day < {end}"
    q["competitor_research_accounts"] = q["intent_accounts"] + " AND i.kind = 'competitor_visit'"
    # Surge: current mean of [L−6, L] ≥ 60 and ≥ baseline mean of [L−62, L−7] + 20, cross-multiplied (exact).
    q["surging_accounts"] = f"""SELECT count(DISTINCT company_id) FROM (
        SELECT i.company_id, i.topic,
          sum(CASE WHEN {L} - i.day BETWEEN 0 AND 6 THEN i.score ELSE 0 END) AS cs, sum(CASE WHEN {L} - i.day BETWEEN 0 AND 6 THEN 1 ELSE 0 END) AS cn,
          sum(CASE WHEN {L} - i.day BETWEEN 7 AND 62 THEN i.score ELSE 0 END) AS bs, sum(CASE WHEN {L} - i.day BETWEEN 7 AND 62 THEN 1 ELSE 0 END) AS bn
        FROM intent i JOIN {T} t ON t.company_id = i.company_id GROUP BY i.company_id, i.topic) m
        WHERE cn > 0 AND cs >= 60 * cn AND (CASE WHEN bn = 0 THEN cs >= 20 * cn ELSE cs * bn >= (bs + 20 * bn) * cn END)"""
    q["sql_count"] = f"""SELECT count(DISTINCT l.contact_id) FROM lead_stages l JOIN contacts c ON c.contact_id = l.contact_id
        JOIN {T} t ON t.company_id = c.company_id WHERE l.stage = 'sql' AND l.day >= {start} AND l.day < {end}"""
    q["meetings"] = f"SELECT count(*) FROM meetings m JOIN {T} t ON t.company_id = m.company_id WHERE m.day >= {start} AND m.day < {end}"
    q["opportunities_created"] = f"SELECT count(*) FROM opportunities o JOIN {T} t ON t.company_id = o.company_id WHERE o.created >= {start} AND o.created < {end}"
    q["pipeline_created"] = f"SELECT coalesce(sum(o.amount), 0) FROM opportunities o JOIN {T} t ON t.company_id = o.company_id WHERE o.created >= {start} AND o.created < {end}"
    closed = f"o.closed >= {start} AND o.closed < {end}"
    inT = f"o.company_id IN (SELECT company_id FROM {T} t)"
    wr = lambda cond: f"""SELECT CASE WHEN sum(CASE WHEN o.status IN ('won','lost') THEN 1 ELSE 0 END) = 0 THEN NULL ELSE
        sum(CASE WHEN o.status = 'won' THEN 1 ELSE 0 END) * 1.0 / sum(CASE WHEN o.status IN ('won','lost') THEN 1 ELSE 0 END) END
        FROM opportunities o WHERE {closed} AND {cond}"""
    q["win_rate"] = wr(inT)
    notT = f"o.company_id NOT IN (SELECT company_id FROM {T_all} t)"
    q["win_rate_non_target"] = wr(notT)
    q["closed_won_revenue"] = f"SELECT coalesce(sum(o.amount), 0) FROM opportunities o WHERE {closed} AND o.status = 'won' AND {inT}"
    acv = lambda cond: f"""SELECT avg(o.amount * 12.0 / (CASE WHEN coalesce(o.term, 12) > 12 THEN o.term ELSE 12 END))
        FROM opportunities o WHERE {closed} AND o.status = 'won' AND {cond}"""
    q["acv"] = acv(inT)
    q["acv_non_target"] = acv(notT)
    # ABM cost: cost × (campaign days inside the period) / (campaign days), days inclusive.
    q["abm_cost"] = f"""SELECT coalesce(sum(cost * (CASE WHEN (CASE WHEN e < {L} THEN e ELSE {L} END) - (CASE WHEN s > {start} THEN s ELSE {start} END) + 1 > 0
        THEN (CASE WHEN e < {L} THEN e ELSE {L} END) - (CASE WHEN s > {start} THEN s ELSE {start} END) + 1 ELSE 0 END) * 1.0 / (e - s + 1)), 0)
        FROM campaigns WHERE abm = 1"""
    # LTV (kpis.md §Phase 4) over T as of L: a contract is active on d when s ≤ d and (e empty or e > d).
    active = lambda day: f"c.s <= {day} AND (c.e IS NULL OR c.e > {day})"
    q["arpa"] = f"""SELECT avg(v) FROM (SELECT c.company_id, sum(c.annual_value) AS v FROM contracts c
        JOIN {T} t ON t.company_id = c.company_id WHERE {active(L)} GROUP BY c.company_id) x"""
    q["annual_churn"] = f"""SELECT CASE WHEN count(*) = 0 THEN NULL ELSE sum(CASE WHEN company_id IN
        (SELECT c.company_id FROM contracts c WHERE {active(L)}) THEN 0 ELSE 1 END) * 1.0 / count(*) END
        FROM (SELECT DISTINCT c.company_id FROM contracts c JOIN {T} t ON t.company_id = c.company_id WHERE {active(L - 365)}) x"""
    # The funnel (kpis.md §The funnel): targets reaching at least each step, each step containing the next.
    won = f"SELECT DISTINCT o.company_id FROM opportunities o JOIN {T} t ON t.company_id = o.company_id WHERE o.status = 'won' AND {closed}"
    opp = f"SELECT o.company_id FROM opportunities o JOIN {T} t ON t.company_id = o.company_id WHERE o.created >= {start} AND o.created < {end} UNION {won}"
    sql = f"""SELECT c.company_id FROM lead_stages l JOIN contacts c ON c.contact_id = l.contact_id JOIN {T} t ON t.company_id = c.company_id
        WHERE l.stage = 'sql' AND l.day >= {start} AND l.day < {end} UNION {opp}"""
    engaged = f"SELECT t.company_id FROM {T} t JOIN {score} s ON s.account = t.company_id WHERE s.score >= 40 UNION {sql}"
    q["funnel_won"] = f"SELECT count(*) FROM ({won}) x"
    q["funnel_opportunity"] = f"SELECT count(*) FROM ({opp}) x"
    q["funnel_sql"] = f"SELECT count(*) FROM ({sql}) x"
    q["funnel_engaged"] = f"SELECT count(*) FROM ({engaged}) x"
    return q


# Keys by_tier leaves out (kpis.md §Output: not about the target set).
NOT_BY_TIER = {"icp_companies", "win_rate_non_target", "acv_non_target", "abm_cost", "roi", "pipeline_per_cost"}


def compute(db, start, end, tier=None, icp=None):
    out = {}
    for k, sql in queries(start, end, tier, icp).items():
        v = db.execute(sql).fetchone()[0]
        out[k] = None if v is None else (float(v) if isinstance(v, float) else v)
    t = out["targets"]
    if icp is None:
        out.update(target_coverage=None, icp_companies=None, targets_outside_icp=None, list_precision=None)
    else:
        i, ti = out["icp_companies"], out.pop("icp_targets")
        out["target_coverage"] = ti / i if i else None
        out["targets_outside_icp"] = t - ti
        out["list_precision"] = ti / t if t else None
    out["engaged_rate"] = out["engaged_accounts"] / t if t else None
    if out["target_web_visit_rate"] is None and t:
        out["target_web_visit_rate"] = 0.0
    a, b = out["win_rate"], out["win_rate_non_target"]
    out["win_rate_lift"] = a / b if a is not None and b else None
    c = out["abm_cost"]
    out["roi"] = (out["closed_won_revenue"] - c) / c if c else None
    out["pipeline_per_cost"] = out["pipeline_created"] / c if c else None
    churn = out["annual_churn"]
    out["lifetime_years"] = 10.0 if not churn else min(1 / churn, 10.0)
    out["ltv"] = None if out["arpa"] is None else out["arpa"] * 0.7 * out["lifetime_years"]
    if tier is not None:
        out = {k: v for k, v in out.items() if k not in NOT_BY_TIER and not k.startswith("funnel_")}
    return out


def compare(peer, ours):
    diffs = []
    for k, v in sorted(peer.items()):
        o = ours.get(k, "missing")
        if o is None and v is None:
            continue
        if o is None or v is None or o == "missing":
            diffs.append((k, v, o))
            continue
        if abs(float(o) - float(v)) > 1e-9 * max(1.0, abs(float(o))):
            diffs.append((k, v, o))
    return diffs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--engine", choices=["duckdb", "sqlite"], required=True)
    ap.add_argument("--package", required=True)
    ap.add_argument("--period", default="2026Q3")
    ap.add_argument("--ours", help="kizashi kpi --format json output to compare with")
    ap.add_argument("--db", default="/tmp/kizashi-peer.sqlite", help="SQLite file (engine sqlite)")
    a = ap.parse_args()
    start, end = period_bounds(a.period)
    t0 = time.perf_counter()
    db = load_duckdb(a.package) if a.engine == "duckdb" else load_sqlite(a.package, a.db)
    t1 = time.perf_counter()
    icp = icp_condition(a.package)
    kpis = compute(db, start, end, icp=icp)
    by_tier = {str(k): compute(db, start, end, k, icp) for k in (1, 2, 3)}
    t2 = time.perf_counter()
    print(json.dumps({"engine": a.engine, "period": a.period, "kpis": kpis, "by_tier": by_tier}, ensure_ascii=False, indent=2))
    print(f"{a.engine}: load {t1 - t0:.3f} s, query-only {t2 - t1:.3f} s, total {t2 - t0:.3f} s", file=sys.stderr)
    if a.ours:
        report = json.load(open(a.ours))
        ours = dict(report["kpis"])
        for step in report.get("funnel", []):
            ours["funnel_" + step["step"]] = step["count"]
        diffs = compare(kpis, ours)
        total = len(kpis)
        for k in ("1", "2", "3"):
            theirs = report.get("by_tier", {}).get(k, {})
            diffs += [(f"by_tier.{k}.{n}", v, o) for n, v, o in compare(by_tier[k], theirs)]
            total += len(by_tier[k])
        for k, v, o in diffs:
            print(f"DIFF {k}: peer {v} vs kizashi {o}", file=sys.stderr)
        print(f"{a.engine}: {total - len(diffs)} of {total} KPIs equal to Kizashi's (kpis, funnel and by_tier)", file=sys.stderr)
        sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
