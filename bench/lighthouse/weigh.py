"""Bytes a phone downloads on a first visit to each budgeted page of a running Sinau.

    python bench/lighthouse/weigh.py http://127.0.0.1:8000 [--participant EMAIL --password PW]

Opens every page in a fresh, cache-less phone-sized Chromium context and adds up what each
response put on the wire (Playwright's `request.sizes()`: encoded body plus headers), as
Lighthouse's "total byte weight" does. Used by run.py (`make bench`) and by hand.
"""

import argparse
import sys
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
PHONE = {"width": 390, "height": 844}
BUDGET = 60 * 1024


def transferred(page, url: str) -> tuple[int, dict[str, int]]:
    """Load `url` in `page` and return (total bytes, bytes per path) of every finished response."""
    requests = []

    def finished(request):
        requests.append(request)

    page.on("requestfinished", finished)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.remove_listener("requestfinished", finished)
    per_path = {}
    for request in requests:
        sizes = request.sizes()
        per_path[urlsplit(request.url).path] = sizes["responseBodySize"] + sizes["responseHeadersSize"]
    return sum(per_path.values()), per_path


def log_in(page, base: str, email: str, password: str):
    page.goto(urljoin(base, "/akun/login/"))
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.locator("form:has(input[name=password]) button[type=submit]").click()
    page.wait_for_load_state("networkidle")


def weigh(base: str, pages: dict[str, str], *, email: str = "", password: str = "") -> dict[str, int]:
    """Bytes per page name, each a first visit with an empty cache (logged in when `email`)."""
    totals = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        # Service workers blocked: a first visit is measured, not what the offline reader kept.
        context = browser.new_context(viewport=PHONE, locale="id-ID", service_workers="block")
        page = context.new_page()
        if email:
            log_in(page, base, email, password)
        for name, path in pages.items():
            # A new page in the same context keeps the login but, with the cache cleared, not the files.
            session = context.new_cdp_session(page)
            session.send("Network.clearBrowserCache")
            totals[name], per_path = transferred(page, urljoin(base, path))
            for file, size in sorted(per_path.items(), key=lambda item: -item[1]):
                print(f"    {size / 1024:6.1f} KB  {file}", file=sys.stderr)
        browser.close()
    return totals


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("base")
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--participant", default="")
    parser.add_argument("--password", default="")
    args = parser.parse_args()
    totals = weigh(args.base, {path: path for path in args.paths}, email=args.participant, password=args.password)
    for name, size in totals.items():
        print(f"{size / 1024:6.1f} KB  {'over' if size > BUDGET else 'ok  '}  {name}")


if __name__ == "__main__":
    main()
