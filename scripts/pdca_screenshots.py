#!/usr/bin/env python3
"""Screenshots of the dashboard for docs/pdca.md (issue 24, "Done when"): run by
scripts/pdca-screenshots.sh, which starts the demo server; not run by CI.

Logs in with headless Chromium over the DevTools protocol (the client of scripts/e2e_browser.py),
switches to Japanese and saves 1280-px-wide PNGs of the pages the walkthrough shows. A shot is
cropped to the page's height, at most --max-height px, and made shorter until it is at most
--max-bytes, so the repository stays small.

    scripts/pdca_screenshots.py --base http://127.0.0.1:8080 --email E --password P --out docs/images/pdca
"""
import argparse, base64, json, os, shutil, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_browser import chromium_session  # noqa: E402

WIDTH = 1280
# (file, path, CSS selector of the part to show or None for the page from the top, max height)
SHOTS = [
    ("overview.png", "/?period=2026Q3", None, 1900),
    ("experiments.png", "/experiments?name=FY26%20H2", None, 1600),
    ("campaigns.png", "/campaigns?period=2026Q3", None, 1350),
    ("journey.png", "/journey?period=2026Q3", None, 1400),
    ("review.png", "/review?period=2026Q3", None, 1800),
    ("settings-digest.png", "/settings", "#digest", 1400),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--email", required=True)
    ap.add_argument("--password", required=True)
    ap.add_argument("--out", default="docs/images/pdca")
    ap.add_argument("--max-bytes", type=int, default=300_000)
    ap.add_argument("--chromium", default=shutil.which("chromium") or shutil.which("chromium-browser")
                    or shutil.which("google-chrome") or "chromium")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    with chromium_session(args.chromium, "kizashi-shots-", width=WIDTH, extra_args=["--hide-scrollbars"]) as b:
        b.call("Page.enable")
        b.call("Runtime.enable")
        b.call("Emulation.setDeviceMetricsOverride", width=WIDTH, height=900, deviceScaleFactor=1, mobile=False)
        navigate = lambda url: b.navigate(url, settle=0.5)  # noqa: E731
        submitted = lambda: b.settle(0.5)  # noqa: E731
        if not b.login(args.base, args.email, args.password, settle=0.5):
            sys.exit("pdca-screenshots: could not log in")
        if b.evaluate("document.documentElement.lang") != "ja":
            b.events.clear()
            b.evaluate("document.querySelector('form[action=\"/lang\"]').submit(); true")
            submitted()

        for name, path, selector, max_height in SHOTS:
            navigate(args.base + path)
            if b.evaluate("document.documentElement.lang") != "ja":
                sys.exit(f"pdca-screenshots: {path} is not in Japanese")
            if selector:
                box = b.evaluate(f"""(function () {{ var r = document.querySelector({json.dumps(selector)})
                    .getBoundingClientRect(); return [r.top + window.scrollY - 12, r.height + 24]; }})()""")
                top, height = max(0, int(box[0])), int(box[1])
            else:
                top, height = 0, int(b.evaluate("document.documentElement.scrollHeight"))
            height = min(height, max_height)
            while True:
                shot = b.call("Page.captureScreenshot", format="png", captureBeyondViewport=True,
                              clip={"x": 0, "y": top, "width": WIDTH, "height": height, "scale": 1})
                data = base64.b64decode(shot["data"])
                if len(data) <= args.max_bytes or height <= 400:
                    break
                height = int(height * 0.85)
            if len(data) > args.max_bytes:
                sys.exit(f"pdca-screenshots: {name} is {len(data)} bytes even at {height} px")
            with open(os.path.join(args.out, name), "wb") as f:
                f.write(data)
            print(f"{name}: {WIDTH}×{height} px, {len(data) // 1024} KB")


if __name__ == "__main__":
    main()
