"""The browser tests' watch really catches a Content-Security-Policy violation and a
JavaScript error: a page served with our CSP that breaks it is reported by BrowserProblems,
the same handlers the `page` fixture attaches (and fails on at teardown)."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Route

from app.security import CONTENT_SECURITY_POLICY
from tests.browser.conftest import BrowserProblems

pytestmark = pytest.mark.browser

VIOLATING_PAGE = (
    "<!doctype html><html lang='en'><head><title>CSP probe</title>"
    "<style>body { color: red }</style></head>"
    "<body><p style='color: blue'>probe</p><script>document.title = 'ran'</script></body></html>"
)
HTML_WITH_OUR_CSP = {
    "Content-Type": "text/html",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
}
THROWING_PAGE = "<!doctype html><html><body><script src='/probe.js'></script></body></html>"


def _watched(context: BrowserContext, problems: BrowserProblems):
    tab = context.new_page()
    tab.on("console", problems.on_console)
    tab.on("pageerror", problems.on_page_error)
    tab.on("response", problems.on_response)
    return tab


def test_an_inline_script_and_style_against_our_csp_are_reported(
    context: BrowserContext, live_server: str
) -> None:
    problems = BrowserProblems()
    tab = _watched(context, problems)

    def serve(route: Route) -> None:
        route.fulfill(
            status=200,
            body=VIOLATING_PAGE,
            headers={
                "Content-Type": "text/html",
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            },
        )

    # Answered by the browser itself (never reaches the app), under the app's own origin.
    tab.route(f"{live_server}/csp-probe", serve)
    tab.goto(f"{live_server}/csp-probe")
    tab.wait_for_timeout(200)  # console messages arrive asynchronously
    assert tab.title() == "CSP probe"  # the inline script was blocked
    tab.close()
    report = problems.report()
    assert "Content Security Policy" in report
    assert "script-src" in report


def test_an_uncaught_javascript_error_is_reported(
    context: BrowserContext, live_server: str
) -> None:
    problems = BrowserProblems()
    tab = _watched(context, problems)
    tab.route(
        f"{live_server}/throw-probe",
        lambda route: route.fulfill(
            status=200,
            body=THROWING_PAGE,
            headers={
                "Content-Type": "text/html",
                "Content-Security-Policy": CONTENT_SECURITY_POLICY,
            },
        ),
    )
    tab.route(
        f"{live_server}/probe.js",
        lambda route: route.fulfill(
            status=200, body="undefinedFunction();", headers={"Content-Type": "text/javascript"}
        ),
    )
    tab.goto(f"{live_server}/throw-probe")
    tab.wait_for_timeout(200)
    tab.close()
    assert "JavaScript error" in problems.report()
    assert "undefinedFunction" in problems.report()
