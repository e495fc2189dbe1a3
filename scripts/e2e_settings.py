"""The Settings page's forms in the browser (issue 22 §3), in Japanese, as an admin: the ICP form
with its live count, the IP-range upload and address test, a webhook added and disabled, a site
key created and revoked, a user and an API token created, the weekly review sent now, and the
alert delivery log's re-send and a webhook's test-send (when e2e.sh runs its receiver). Each step
checks the page says what happened and that no request failed. Called by e2e_browser.py."""
import json
import os


def check_settings(b, base, navigate, settle_after_submit, choose_file, problems_in, failures, checked,
                   workdir, company_id):
    def submit(selector, fields):
        """Fill the form's fields and submit it the way a click would (its CSRF field included)."""
        b.events.clear()
        sets = "".join(f"f.querySelector('[name={json.dumps(k)}]').value = {json.dumps(v)};" for k, v in fields.items())
        ok = b.evaluate(f"""(() => {{ const f = document.querySelector({json.dumps(selector)});
                           if (!f) return false; {sets} f.submit(); return true; }})()""")
        if not ok:
            failures.append(f"ja settings: no form {selector}")
            return ""
        settle_after_submit()
        return b.evaluate("document.body.innerText") or ""

    def note_problems(step):
        for p in problems_in(b.events, base):
            failures.append(f"ja settings ({step}): {p}")

    # The ICP form: tick the first industry, the live count answers, saving says so.
    navigate(base + "/settings")
    before = b.evaluate("document.getElementById('icp-count').textContent")
    b.events.clear()
    b.evaluate("""(() => { const box = document.querySelector('#icp-form input[name=industry]');
                   box.checked = !box.checked; box.dispatchEvent(new Event('change', {bubbles: true})); return true; })()""")
    b.drain(1.5)
    after = b.evaluate("document.getElementById('icp-count').textContent")
    if not after or not after.strip().replace(",", "").isdigit():
        failures.append(f"ja settings (ICP form): the live count did not answer ({before!r} → {after!r})")
    note_problems("ICP live count")
    b.events.clear()
    b.evaluate("document.getElementById('icp-form').submit(); true")
    settle_after_submit()
    if "/settings" not in b.evaluate("location.pathname") or "saved=icp" not in b.evaluate("location.search"):
        failures.append("ja settings (ICP form): saving did not return to Settings with the confirmation")
    note_problems("ICP form")
    checked.append("ja settings: ICP form (live count, saved)")

    # The IP-range table: upload a file, then ask which company an address is.
    ranges = os.path.join(workdir, "ip-ranges.csv")
    with open(ranges, "w", encoding="utf-8") as f:
        f.write(f"cidr,company_id\n203.0.113.0/24,{company_id}\n")
    navigate(base + "/settings")
    b.events.clear()
    choose_file("#ip-ranges-file", ranges)
    b.evaluate("document.getElementById('ip-ranges-file').dispatchEvent(new Event('change')); true")
    try:
        settle_after_submit()
    except Exception:
        failures.append("ja settings (IP ranges): the upload did not reload the page")
    if "saved=ipranges" not in (b.evaluate("location.search") or ""):
        status = b.evaluate("(document.getElementById('ip-ranges-status') || {}).textContent")
        failures.append(f"ja settings (IP ranges): upload not confirmed ({status!r})")
    text = submit('form[action="/settings/ip-ranges/test"]', {"address": "203.0.113.9"})
    if f"企業 {company_id}" not in text:
        failures.append("ja settings (IP ranges): 203.0.113.9 did not resolve to the uploaded company")
    note_problems("IP ranges")
    checked.append("ja settings: IP ranges (upload, address test)")

    # The alert delivery log (e2e.sh delivered one alert to its receiver): re-send it, and the
    # receiver gets it a second time.
    hook_log = os.environ.get("KIZASHI_E2E_HOOK_LOG")
    if hook_log:
        navigate(base + "/settings")
        rows = b.evaluate("document.querySelectorAll('#deliveries tbody tr').length") or 0
        if rows < 1:
            failures.append("ja settings (deliveries): the delivered alert is not in the log")
        received = len(open(hook_log).read().splitlines())
        b.events.clear()
        found = b.evaluate("""(() => { const f = document.querySelector('form[action^="/settings/deliveries/"]');
                              if (f) f.submit(); return !!f; })()""")
        if not found:
            failures.append("ja settings (deliveries): no re-send button")
        else:
            settle_after_submit()
            for _ in range(60):
                if len(open(hook_log).read().splitlines()) > received:
                    break
                b.drain(0.5)
            else:
                failures.append("ja settings (deliveries): the re-sent alert did not reach the receiver")
        note_problems("delivery re-send")
        checked.append("ja settings: alert delivery re-sent")

        # Test-send to the receiver's webhook: the page says it arrived, and it did.
        navigate(base + "/settings")
        received = len(open(hook_log).read().splitlines())
        b.events.clear()
        found = b.evaluate("""(() => { const f = [...document.querySelectorAll('form[action^="/settings/webhooks/"]')]
                              .find(f => f.action.endsWith('/test') && f.closest('tr').innerText.includes('127.0.0.1'));
                              if (f) f.submit(); return !!f; })()""")
        if not found:
            failures.append("ja settings (webhooks): no test-send button on the receiver's webhook")
        else:
            settle_after_submit()
            text = b.evaluate("document.body.innerText") or ""
            if "テスト送信が届きました" not in text:
                failures.append("ja settings (webhooks): the page does not say the test arrived")
            if len(open(hook_log).read().splitlines()) <= received:
                failures.append("ja settings (webhooks): the test message did not reach the receiver")
        note_problems("webhook test-send")
        checked.append("ja settings: webhook test-send")

    # A webhook (a public address literal: no DNS needed), then disabled.
    text = submit('form[action="/settings/webhooks"]', {"url": "https://93.184.216.34/kizashi-e2e", "kind": "slack"})
    if "93.184.216.34/kizashi-e2e" not in text:
        failures.append("ja settings (webhooks): the added webhook is not listed")
    b.events.clear()
    b.evaluate("""(() => { const f = [...document.querySelectorAll('form[action^="/settings/webhooks/"]')]
                   .find(f => f.action.endsWith('/disable') && f.closest('tr').innerText.includes('93.184.216.34'));
                   if (f) f.submit(); return !!f; })()""")
    settle_after_submit()
    note_problems("webhooks")
    checked.append("ja settings: webhook added and disabled")

    # A site key for the tag, then revoked.
    text = submit('form[action="/settings/site-keys"]', {"name": "e2e サイト"})
    if "e2e サイト" not in text or "t.js" not in text:
        failures.append("ja settings (site keys): the new key and its tag are not shown")
    b.events.clear()
    b.evaluate("""(() => { const f = [...document.querySelectorAll('form[action^="/settings/site-keys/"]')].pop();
                   if (f) f.submit(); return !!f; })()""")
    settle_after_submit()
    note_problems("site keys")
    checked.append("ja settings: site key created and revoked")

    # A user and an API token (the token is shown once).
    text = submit('form[action="/settings/users"]',
                  {"email": "e2e-viewer@example.com", "role": "viewer", "password": "e2e correct horse battery"})
    if "e2e-viewer@example.com" not in text:
        failures.append("ja settings (users): the new user is not listed")
    navigate(base + "/settings")
    text = submit('form[action="/settings/tokens"]', {"name": "e2e-token"})
    if "e2e-token" not in text:
        failures.append("ja settings (tokens): the new token is not listed")
    note_problems("users and tokens")
    checked.append("ja settings: user and API token created")

    # The weekly review, sent now: back on the section with the confirmation.
    navigate(base + "/settings")
    b.events.clear()
    b.evaluate("document.querySelector('form[action=\"/settings/digest/send\"]').submit(); true")
    settle_after_submit()
    if "saved=digest" not in (b.evaluate("location.search") or ""):
        failures.append("ja settings (review): sending now did not return with the confirmation")
    note_problems("review sent now")
    checked.append("ja settings: weekly review sent now")
