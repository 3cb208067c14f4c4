"""The security headers on every page: the Content-Security-Policy (django-csp) and the
Permissions-Policy (outreach.headers), checked on the responses and in a real browser."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse

from audits.runs.models import AuditRun
from conftest import log_in
from outreach.headers import PERMISSIONS_POLICY

SAMPLES = Path(__file__).resolve().parents[2] / "audits" / "tests" / "evidence" / "samples"
STYLE_NONCE = re.compile(r'<style nonce="([^"]+)">')


def directives(response) -> dict[str, list[str]]:
    """The response's Content-Security-Policy as {directive: [sources]}."""
    policy = response.headers["Content-Security-Policy"]
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


def header_nonce(response) -> str:
    style_src = directives(response)["style-src"]
    nonces = [source[len("'nonce-") : -1] for source in style_src if source.startswith("'nonce-")]
    assert len(nonces) == 1, f"style-src {style_src} should carry the page's nonce"
    return nonces[0]


def assert_strict_policy(response) -> None:
    policy = directives(response)
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]  # no 'unsafe-inline', no 'unsafe-eval', no nonce
    assert "'unsafe-inline'" not in policy["style-src"]
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert policy["form-action"] == ["'self'"]


def assert_style_carries_the_nonce(response) -> str:
    html = response.content.decode()
    assert html.count("<style") == 1
    nonces = STYLE_NONCE.findall(html)
    assert len(nonces) == 1, "the <style> should carry the page's nonce"
    assert nonces[0] == header_nonce(response)
    return nonces[0]


@pytest.mark.django_db
def test_the_login_page_sends_a_strict_policy_and_nonces_its_style(client):
    first = client.get(reverse("login"))
    second = client.get(reverse("login"))
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        assert_strict_policy(response)
    assert assert_style_carries_the_nonce(first) != assert_style_carries_the_nonce(second)


@pytest.mark.parametrize("name", ["strategy:plan", "dashboard:show", "reports:index"])
def test_a_members_page_sends_a_strict_policy_and_nonces_its_style(
    manager_client, organization, name
):
    url = reverse(name, args=[organization.slug])
    first = manager_client.get(url)
    second = manager_client.get(url)
    assert first.status_code == second.status_code == 200
    for response in (first, second):
        assert_strict_policy(response)
    assert assert_style_carries_the_nonce(first) != assert_style_carries_the_nonce(second)


@pytest.mark.django_db
def test_every_response_sends_the_permissions_policy(client, manager_client, organization):
    responses = [
        client.get(reverse("login")),
        client.get(reverse("strategy:plan", args=[organization.slug])),  # a redirect to log in
        manager_client.get(reverse("dashboard:show", args=[organization.slug])),
        manager_client.get("/no-such-page/"),
    ]
    assert [r.status_code for r in responses] == [200, 302, 200, 404]
    for response in responses:
        assert response.headers["Permissions-Policy"] == PERMISSIONS_POLICY
    assert PERMISSIONS_POLICY == "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


# --- in a real browser -----------------------------------------------------------------------
# Every violation, however the browser reports it: the `securitypolicyviolation` event (listened
# for before any of the page's own code runs) and the console's "Refused to …" messages.
LISTEN_FOR_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(
    `${event.violatedDirective} blocked ${event.blockedURI || "inline"}` +
      ` (${event.sourceFile}:${event.lineNumber})`
  );
});
"""


@pytest.mark.browser
@pytest.mark.services
def test_no_page_a_manager_opens_breaks_the_policy(page, transactional_db, monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-for-tests")
    call_command("seed_demo", stdout=io.StringIO())
    call_command(
        "import_posts", "demo", "--channel", "facebook", str(SAMPLES / "meta_facebook.csv"),
        stdout=io.StringIO(),
    )  # fmt: skip
    for _ in range(2):
        call_command("run_audit", "demo", stdout=io.StringIO())
    run = AuditRun.objects.filter(organization__slug="demo").latest("number")
    assert run.is_finished

    console = []
    page.on(
        "console",
        lambda message: (
            console.append(message.text)
            if "Content Security Policy" in message.text or "Refused to" in message.text
            else None
        ),
    )
    page.add_init_script(LISTEN_FOR_VIOLATIONS)

    def violations() -> list[str]:
        return page.evaluate("window.__cspViolations") + console

    log_in(page, "manager@demo.example", "demo-pass-for-tests")
    for path in [
        "/o/demo/plan/",
        "/o/demo/dashboard/",
        f"/o/demo/audits/{run.number}/",
        "/o/demo/reports/",
        "/o/demo/channels/",
        "/o/demo/evidence/",
        "/dashboard/",
    ]:
        response = page.goto(path)
        assert response.status == 200, path
        assert "Content-Security-Policy" in {name.title() for name in response.headers}
        page.wait_for_load_state("networkidle")
        assert violations() == [], path
        # The palette's custom properties come from the nonce'd <style>; app.css paints with them.
        assert (
            page.evaluate(
                "getComputedStyle(document.documentElement).getPropertyValue('--brand').trim()"
            )
            == "#2454c5"
        ), path
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == (
            "rgb(246, 247, 249)"  # var(--bg)
        ), path

        if path == "/o/demo/plan/" and page.locator("[data-add-row]").count():
            # The editor's script runs: a row from its <template>, then the live figures.
            add = page.locator("[data-add-row]").first
            add.click()
            row = add.locator("xpath=..").locator("[data-rows] [data-row]").last
            row.get_by_label("Activity").select_option("reply")
            row.get_by_label("Times a week").fill("3")
            row.get_by_label("Minutes each").fill("5")
            page.get_by_text("Figures include your unsaved changes.").wait_for()
        if path == "/o/demo/dashboard/":
            assert page.locator("svg#chart-heatmap").is_visible()
            # The chart's own style attribute applies (max-width: its natural width).
            assert page.evaluate(
                "getComputedStyle(document.getElementById('chart-heatmap')).maxWidth"
            ).endswith("px")
        if path == "/o/demo/reports/":
            # The email preview (a srcdoc iframe, under the same policy) keeps its inline styles.
            frame = page.frame_locator("iframe.email-preview")
            body = frame.locator("body")
            body.wait_for()
            assert body.evaluate("b => getComputedStyle(b).backgroundColor") == (
                "rgb(243, 244, 246)"  # #f3f4f6, from the email's style attribute
            )
        assert violations() == [], path
