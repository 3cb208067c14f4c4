"""Every page in a real browser (Debian's chromium, driven by Playwright), at a desktop's width
and a phone's: axe-core finds no accessibility violation, the console no error, and on the
phone no page scrolls sideways. Each page's picture is kept under test-artifacts/ as
`tour-<role>-<page>-<width>.png`.

One organization like the demo is seeded once per width (its plan in draft, two audits and an
import of actual posts), with a second one whose plan is approved and a third with no plan
yet; each visitor (a manager, a comms member, someone logged out) gets one browser context.
"""

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from playwright.sync_api import Page, Response

from audits.evidence.services import evidence_import_create, evidence_import_execute
from audits.reports.models import ReportDelivery, ReportDispatch
from audits.reports.tokens import unsubscribe_token
from audits.runs.services import audit_run_now
from conftest import log_in, screenshot
from outreach.accounts.tokens import invitation_token, signup_token
from outreach.models import Assignment, Membership, Organization
from outreach.notice_tokens import notice_unsubscribe_token
from outreach.services import invitation_send, member_add
from strategy.management.commands.seed_demo import DEMO_PLAN
from strategy.services import plan_approve, plan_import, plan_submit

from .browser_checks import (
    ConsoleWatch,
    axe_violations,
    horizontal_overflow,
    overflowing_elements,
    serve_axe,
)

pytestmark = [pytest.mark.browser, pytest.mark.services]

PASSWORD = "tour-pass-word-1"
MANAGER = "manager@demo.example"
COMMS = "comms@demo.example"
WIDTHS = {1280: {"width": 1280, "height": 900}, 390: {"width": 390, "height": 844}}
SCHEDULER_CSV = (
    b"Sent on,Copy,Link,Posted by\n"
    b"2024-04-02 10:00,Spring open day,https://www.facebook.com/harboursidelearning/posts/1,Sam\n"
)
SAMPLE_X_ARCHIVE = Path(__file__).resolve().parents[2] / "audits/tests/evidence/samples/x_tweets.js"


@dataclass(frozen=True)
class Stop:
    name: str
    path: str
    status: int = 200
    # What to do on the page first (a form to send); the stop is then the answer's page.
    act: Callable[[Page], Response] | None = None


def upload_a_broken_plan_file(page: Page) -> Response:
    form = page.locator("#upload form")
    file = {"name": "plan.json", "mimeType": "application/json", "buffer": b'{"format": 1}'}
    form.locator("input[type=file]").set_input_files(files=[file])
    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Upload").click()
    return navigation.value


def log_in_with_a_wrong_password(page: Page) -> Response:
    page.get_by_label("Email").fill("somebody@demo.example")
    page.get_by_label("Password").fill("not-the-password")
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Log in").click()
    return navigation.value


def seed(monkeypatch) -> dict[str, str]:
    """The demo (draft plan, two audits, imported posts, a sent weekly report), an organization
    with an approved plan and one with none; the manager belongs to all three."""
    monkeypatch.setenv("DEMO_PASSWORD", PASSWORD)
    call_command("seed_demo", stdout=io.StringIO())
    demo = Organization.objects.get(slug="demo")
    manager = Membership.objects.get(organization=demo, user__email=MANAGER).user

    content = SAMPLE_X_ARCHIVE.read_bytes()
    evidence = evidence_import_create(
        organization=demo,
        file_name="tweets.js",
        size=len(content),
        content=content,
        channel=demo.channels.get(key="x-main"),
    )
    evidence_import_execute(import_id=evidence.pk)
    unknown = evidence_import_create(  # a CSV whose columns the planner asks the person to name
        organization=demo, file_name="scheduler.csv", size=len(SCHEDULER_CSV), content=SCHEDULER_CSV
    )
    evidence_import_execute(import_id=unknown.pk)
    audit_run_now(organization=demo)
    run = audit_run_now(organization=demo)
    dispatch = ReportDispatch.objects.create(
        organization=demo, iso_year=2026, iso_week=47, run=run, subject="Weekly audit"
    )
    delivery = ReportDelivery.objects.create(dispatch=dispatch, email=MANAGER)

    document = json.loads(DEMO_PLAN.read_text(encoding="utf-8"))
    document["organization"] |= {"name": "Harbourside Approved", "slug": "approved"}
    approved = plan_import(document=document).organization
    member_add(organization=approved, email=MANAGER, role=Membership.Role.MANAGER)
    plan = approved.plans.get()
    plan_approve(plan=plan_submit(plan=plan, user=manager), user=manager)
    audit_run_now(organization=approved)

    empty = Organization.objects.create(name="Harbourside Newcomers", slug="newcomers")
    member_add(organization=empty, email=MANAGER, role=Membership.Role.MANAGER)

    invitation = invitation_send(
        organization=demo, email="newcomer@demo.example", role="comms", actor=manager
    )
    return {
        "invitation": invitation_token(invitation),
        "signup": signup_token("someone-new@demo.example"),
        "notice-token": notice_unsubscribe_token(user_id=manager.pk),
        "staff": demo.staff.order_by("name").first().key,
        "assignment": str(Assignment.objects.filter(channel__organization=demo).first().pk),
        "membership": str(Membership.objects.get(organization=demo, user__email=COMMS).pk),
        "import": str(evidence.pk),
        "import-columns": str(unknown.pk),
        "token": unsubscribe_token(delivery_id=delivery.pk),
    }


def org_stops(ids: dict[str, str], manager: bool) -> list[Stop]:
    def o(name, *args):
        return reverse(name, args=["demo", *args])

    stops = [
        Stop("home", "/"),
        Stop("organization", o("outreach:organization")),
        Stop("dashboard", o("dashboard:show")),
        Stop("plan-edit", o("strategy:plan")),
        Stop("channels", o("outreach:channels")),
        Stop("channel", o("outreach:channel", "x-main")),
        Stop("channel-add", o("outreach:channel_add")),
        Stop("channel-edit", o("outreach:channel_edit", "x-main")),
        Stop("assignment-add", o("outreach:assignment_add", "x-main")),
        Stop("assignment-edit", o("outreach:assignment_edit", ids["assignment"])),
        Stop("staff", o("outreach:staff")),
        Stop("staff-add", o("outreach:staff_add")),
        Stop("members", o("outreach:members")),
        Stop("evidence", o("evidence:index")),
        Stop("evidence-import", o("evidence:import", ids["import"])),
        Stop("evidence-columns", o("evidence:import", ids["import-columns"])),
        Stop("runs", o("audits:runs")),
        Stop("run", o("audits:run", 2)),
        Stop("not-found", "/o/demo/channels/no-such-channel/", 404),
        Stop("plan-upload-refused", o("strategy:plan"), 400, act=upload_a_broken_plan_file),
        Stop("account", reverse("accounts:settings")),
        Stop("password-change", reverse("accounts:password_change")),
        Stop("notices", reverse("notices:index")),
        Stop("notification-settings", reverse("notices:preferences")),
        Stop("organization-new", reverse("organizations:new")),
        Stop("api-token", reverse("api:token")),
    ]
    if not manager:
        return [*stops, Stop("forbidden", o("outreach:member_add"), 403)]
    return [
        *stops,
        Stop("staff-edit", o("outreach:staff_edit", ids["staff"])),
        Stop("member-add", o("outreach:member_add")),
        Stop("member-role", o("outreach:member_role", ids["membership"])),
        Stop("reports", o("reports:index")),
        Stop("overview", reverse("dashboard:overview")),
        Stop("plan-approved", reverse("strategy:plan", args=["approved"])),
        Stop("plan-revision", reverse("strategy:revision", args=["approved", 1])),
        Stop("dashboard-approved", reverse("dashboard:show", args=["approved"])),
        Stop("plan-start", reverse("strategy:plan", args=["newcomers"])),
        Stop("dashboard-empty", reverse("dashboard:show", args=["newcomers"])),
    ]


def anonymous_stops(ids: dict[str, str]) -> list[Stop]:
    return [
        Stop("login", "/login/"),
        Stop("login-refused", "/login/", act=log_in_with_a_wrong_password),
        # AXES_FAILURE_LIMIT is 2 in this test: the second wrong password locks the login.
        Stop("login-locked-out", "/login/", 429, act=log_in_with_a_wrong_password),
        Stop("unsubscribe", reverse("reports:unsubscribe", args=[ids["token"]])),
        Stop("unsubscribe-invalid", reverse("reports:unsubscribe", args=["nonsense"]), 400),
        Stop("not-found-anonymous", "/no-such-page/", 404),
        Stop("signup", reverse("accounts:signup")),
        Stop("signup-sent", reverse("accounts:signup_sent")),
        Stop("signup-confirm", reverse("accounts:signup_confirm", args=[ids["signup"]])),
        Stop("signup-link-refused", reverse("accounts:signup_confirm", args=["nonsense"]), 400),
        Stop("password-reset", reverse("password_reset")),
        Stop("password-reset-sent", reverse("password_reset_done")),
        Stop("password-reset-link-refused", "/password/reset/MQ/no-such-token/"),
        Stop("invitation", reverse("accounts:invitation", args=[ids["invitation"]])),
        Stop("invitation-refused", reverse("accounts:invitation", args=["nonsense"]), 400),
        Stop("notices-unsubscribe", reverse("notices:unsubscribe", args=[ids["notice-token"]])),
        Stop("notices-unsubscribe-invalid", reverse("notices:unsubscribe", args=["nonsense"]), 400),
    ]


def savebar_problems(page) -> list[str]:
    """The plan's save bar, sticky at the window's bottom, is opaque (the rows scrolled beneath
    it do not show through) and fits the window's width."""
    bar = page.evaluate(
        """() => {
            const bar = document.querySelector(".savebar");
            if (!bar) return null;
            const box = bar.getBoundingClientRect();
            return {background: getComputedStyle(bar).backgroundColor, left: box.left,
                    right: box.right, width: document.documentElement.clientWidth};
        }"""
    )
    if bar is None:
        return []
    problems = []
    if bar["background"].startswith("rgba"):
        problems.append(f"the save bar is see-through ({bar['background']})")
    if bar["left"] < 0 or bar["right"] > bar["width"]:
        problems.append(f"the save bar is cut off ({bar['left']}px to {bar['right']}px)")
    return problems


def visit(page, watch: ConsoleWatch, stop: Stop, label: str, width: int) -> list[str]:
    """The page's problems, each a line naming the page."""
    watch.expect_status(stop.status if stop.status != 200 else None)
    response = page.goto(stop.path)
    if stop.act:
        response = stop.act(page)
    problems = []
    if response.status != stop.status:
        problems.append(f"answered {response.status}, not {stop.status}")
    screenshot(page, f"tour-{label}-{stop.name}-{width}")
    problems += axe_violations(page)
    problems += savebar_problems(page)
    if width < 600:
        overflow = horizontal_overflow(page)
        if overflow > 0:
            wide = ", ".join(overflowing_elements(page))
            problems.append(f"scrolls sideways by {overflow}px: {wide}")
    problems += [f"console: {error}" for error in watch.take()]
    return [f"{label} {stop.name} ({stop.path}) at {width}px: {p}" for p in problems]


@pytest.mark.parametrize("width", WIDTHS)
def test_every_page_is_accessible_and_fits_the_window(
    browser, live_server, transactional_db, monkeypatch, settings, width
):
    settings.AXES_FAILURE_LIMIT = 2
    settings.SIGNUP = "open"
    ids = seed(monkeypatch)
    failures = []
    for label, email in (("manager", MANAGER), ("comms", COMMS), ("anonymous", None)):
        context = browser.new_context(base_url=live_server.url, viewport=WIDTHS[width])
        context.set_default_timeout(15_000)
        serve_axe(context)
        page = context.new_page()
        watch = ConsoleWatch().attach(page)
        try:
            if email:
                log_in(page, email, PASSWORD)
                watch.take()
                stops = org_stops(ids, manager=label == "manager")
            else:
                stops = anonymous_stops(ids)
            for stop in stops:
                failures += visit(page, watch, stop, label, width)
        finally:
            context.close()
    assert not failures, f"{len(failures)} problems:\n" + "\n".join(failures)
