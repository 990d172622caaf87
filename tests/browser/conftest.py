"""Playwright (sync API) driving Debian's Chromium against pytest-django's live server.

One browser per test session, a fresh context (cookies, cache) per test, sized and
set like a participant's phone. Every request to a host other than this machine is
aborted, so a test can never reach the internet, and a test fails if the page
reports a Content-Security-Policy violation, an uncaught script error or a 5xx answer.
"""

import ipaddress
import os
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"
# Without the background-networking flags Chromium phones home on start-up; this
# machine has no network and the tests must not depend on one.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 390, "height": 844}


def _unavailable(reason: str):
    """Fail in CI, where a missing browser is a broken machine; skip elsewhere."""
    if IN_CI:
        pytest.fail(f"CI=true but browser tests cannot run: {reason}", pytrace=False)
    print(f"\nSkipping browser tests: {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    from django.db import connections

    # Playwright's sync API leaves its asyncio loop marked as running on this thread
    # from start() to stop(), for every test that runs on this worker meanwhile.
    # Django then refuses ORM calls unless DJANGO_ALLOW_ASYNC_UNSAFE is set, and
    # looks database connections up in a separate async store: a test would get a
    # second connection object without the test database's serialized contents, so
    # serialized_rollback would silently restore nothing. Keep the same connections.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        database_connections = {alias: connections[alias] for alias in connections}
        playwright = sync_playwright().start()
        for alias, connection in database_connections.items():
            connections[alias] = connection
        try:
            chromium = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
            yield chromium
            chromium.close()
        finally:
            playwright.stop()


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if urlsplit(url).scheme in ("data", "blob", "about"):
        return True
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@dataclass
class BrowserLog:
    """What the page said while a test ran: console lines, script errors, blocked requests, 5xx answers."""

    console: list = field(default_factory=list)
    page_errors: list = field(default_factory=list)
    blocked: list = field(default_factory=list)
    server_errors: list = field(default_factory=list)

    @property
    def csp_violations(self) -> list[str]:
        return [text for text in self.console if "Content Security Policy" in text]


@pytest.fixture
def fresh_cache(transactional_db):
    """Start and end with an empty cache.

    The live server commits for real, and the database cache table is not flushed
    between transactional tests, so allauth's rate-limit counters (logins per IP,
    one verification email per address per few seconds) would otherwise carry over
    into the next test, browser or not.
    """
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def new_page(browser, live_server, fresh_cache, request):
    """Open a page in a new phone-sized context; `new_page(java_script_enabled=False)` and so on."""
    log = BrowserLog()
    request.node.browser_log = log
    contexts = []

    def open_page(**options):
        options = {"viewport": PHONE, "has_touch": True, "locale": "id-ID", "base_url": live_server.url, **options}
        context = browser.new_context(**options)
        contexts.append(context)
        context.set_default_timeout(10_000)

        def keep_local(route):
            if is_loopback(route.request.url):
                route.continue_()
            else:
                log.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        def note_server_error(response):
            if response.status >= 500:
                log.server_errors.append(f"{response.status} {response.url}")

        context.route("**/*", keep_local)
        page = context.new_page()
        page.on("console", lambda message: log.console.append(f"{message.type}: {message.text}"))
        page.on("pageerror", lambda error: log.page_errors.append(str(error)))
        page.on("response", note_server_error)
        return page

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_page):
    """A phone-sized page with JavaScript on, speaking Indonesian."""
    return new_page()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    """Fail the test itself (not its teardown) on a CSP violation, a script error or a server error.

    A test that fails on its own shows what the page said meanwhile, for a failure seen only in CI.
    """
    try:
        result = yield
    except BaseException:
        log = getattr(item, "browser_log", None)
        if log is not None:
            said = [*log.console, *(f"pageerror: {e}" for e in log.page_errors), *log.server_errors]
            item.add_report_section("call", "browser", "\n".join(said) or "(the page said nothing)")
        raise
    log = getattr(item, "browser_log", None)
    if log is not None:
        assert not log.csp_violations, "Content-Security-Policy violations:\n" + "\n".join(log.csp_violations)
        assert not log.page_errors, "Uncaught script errors:\n" + "\n".join(log.page_errors)
        assert not log.server_errors, "Server errors (see the live server's traceback above):\n" + "\n".join(
            log.server_errors
        )
    return result
