#!/usr/bin/env python3
"""Writes the fuzz seed corpora (Fuzz/Corpus/TARGET/) from the test fixtures: small, a few KB a
target, so that the committed corpora stay reviewable. Run from anywhere; rerun to refresh.

The canonical-csv target reads three control bytes first (entity index in CanonicalEntity's
order, chunk size, record limit), then the file."""
import io, json, os, shutil, zipfile

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
fx = os.path.join(root, "Tests/KizashiAppTests/Fixtures")
out = os.path.join(root, "Fuzz/Corpus")
entities = ["companies", "targets", "contacts", "activities", "intent", "lead_stages", "meetings",
            "opportunities", "contracts", "campaigns"]


def write(target, name, data):
    os.makedirs(os.path.join(out, target), exist_ok=True)
    with open(os.path.join(out, target, name), "wb") as f:
        f.write(data)


def entry(z, name, data):
    """A zip entry with a fixed date, so that reruns write the same bytes."""
    info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
    info.compress_type = z.compression
    z.writestr(info, data)


def read(*parts):
    with open(os.path.join(fx, *parts), "rb") as f:
        return f.read()


shutil.rmtree(out, ignore_errors=True)
for i, e in enumerate(entities):
    write("canonical-csv", e, bytes([i, 7, 4]) + read("q3-handworked", e + ".csv"))
# CP932: 取引先,会社名 / A1,株式会社ソニ (the 0x5C trail byte of ソ), as in SheetImportTests.
sjis = "取引先,会社名\r\nA1,株式会社ソニ\r\n".encode("cp932")
write("canonical-csv", "companies-sjis", bytes([0, 3, 8]) + "company_id,name\r\nA1,株式会社ソニ\r\n".encode("cp932"))
write("shift-jis", "cp932", sjis)
write("shift-jis", "utf8-bom", b"\xef\xbb\xbf" + "会社名,メモ\n株式会社アルファ,\"改行\nあり\"\n".encode("utf-8"))
write("shift-jis", "hubspot-ja", read("connectors", "hubspot-contacts-ja.csv"))
write("xlsx", "sheet-companies.xlsx", read("connectors", "sheet-companies.xlsx"))
write("xlsx", "sheet-contacts-excel.xlsx", read("connectors", "sheet-contacts-excel.xlsx"))
# Not a zip: the target wraps it as the worksheet part of a workbook (StoredZip.build(wrapping:)).
for name, part in [("sheet-companies.xlsx", "sheet1.xml"), ("sheet-contacts-excel.xlsx", "sheet1-excel.xml")]:
    with zipfile.ZipFile(os.path.join(fx, "connectors", name)) as z:
        write("xlsx", part, z.read("xl/worksheets/sheet1.xml"))
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
    for e in ["companies", "contacts"]:
        entry(z, "kizashi-package/" + e + ".csv", read("q3-handworked", e + ".csv"))
    entry(z, "kizashi-package/sub/", b"")
write("zip", "package.zip", buf.getvalue())
buf = io.BytesIO()
with zipfile.ZipFile(buf, "w", zipfile.ZIP_STORED) as z:
    entry(z, "会社.csv", "company_id,name\nC1,Alpha\n")
write("zip", "stored-utf8.zip", buf.getvalue())
events = [
    {"type": "track", "messageId": "m1", "userId": "u1", "event": "Demo Requested",
     "timestamp": "2026-09-01T10:00:00+09:00", "properties": {"topic": "abm"},
     "context": {"ip": "203.0.113.7", "page": {"url": "https://example.jp/pricing?x=1"}}},
    {"type": "page", "messageId": "m2", "anonymousId": "a1", "properties": {"path": "/docs#top"}},
    {"type": "identify", "messageId": "m3", "userId": "u1", "traits": {"email": "taro@alpha.co.jp"}},
    {"type": "group", "messageId": "m4", "userId": "u1", "groupId": "C1"},
]
write("segment-json", "batch.json", json.dumps({"batch": events}, ensure_ascii=False).encode())
write("segment-json", "one.json", json.dumps(events[0]).encode())
write("segment-json", "array.json", json.dumps(events[1:3]).encode())
write("bombora", "Input_AllDomainsAllTopics_20150719-lightower.csv",
      read("connectors", "Input_AllDomainsAllTopics_20150719-lightower.csv"))
write("bombora", "Output_MasterSurgeFile_20150719-abc.csv",
      read("connectors", "Output_MasterSurgeFile_20150719-abc.csv"))
write("nta", "nta_31_tottori_test_20240329.csv", read("connectors", "nta_31_tottori_test_20240329.csv"))
write("nta", "nta-cp932.csv", read("connectors", "nta_31_tottori_test_20240329.csv").decode("utf-8").encode("cp932", "replace"))
for name in ["sf_tree_Accounts.json", "sf_tree_Contacts.json"]:
    tree = json.loads(read("connectors", name))
    tree["records"] = tree["records"][:3]
    write("salesforce-json", name, json.dumps(tree, ensure_ascii=False, indent=1).encode())
