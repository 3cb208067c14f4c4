"""The plan page in a real browser: Debian's chromium, driven by Playwright."""

from decimal import Decimal

import pytest

from conftest import log_in, screenshot
from outreach.tests.factories import (
    ChannelFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffMemberFactory,
    UserFactory,
)
from strategy.tests.factories import PlannedActivityFactory, StrategyPlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]


@pytest.fixture
def draft(transactional_db):
    organization = OrganizationFactory(name="Keyboard Org", slug="kbd")
    user = UserFactory(email="kim@example.org", username="kim@example.org")
    MembershipFactory(user=user, organization=organization)
    channel = ChannelFactory(organization=organization, key="tw", name="Kbd on X")
    StaffMemberFactory(organization=organization, name="Kim Lee")
    plan = StrategyPlanFactory(organization=organization)
    PlannedActivityFactory(plan=plan, channel=channel)
    return plan


def focused(page) -> str:
    return page.evaluate(
        "() => (document.activeElement.name || document.activeElement.textContent || '').trim()"
    )


def tab_to(page, predicate, limit: int = 150) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if predicate(focused(page)):
            return
    raise AssertionError("could not reach the control with the keyboard")


def test_the_plan_page_is_usable_with_the_keyboard_alone(page, draft):
    """Add an activity and save the plan with Tab, typing and Enter only."""
    log_in(page, "kim@example.org")
    page.goto("/o/kbd/plan/")
    tab_to(page, lambda name: name.startswith("Add an activity on Kbd on X"))
    page.keyboard.press("Enter")  # a new row; the focus moves to its first field
    assert focused(page).endswith("-kind")
    page.keyboard.press("End")  # the last kind in the list: Event
    page.keyboard.press("Tab")
    page.keyboard.type("0.5")  # times a week
    page.keyboard.press("Tab")
    page.keyboard.type("45")  # minutes each
    # The live figures refresh once the typing stops; let them, so that tabbing on does not
    # race their redraw (on a busy machine it arrived mid-way and the focus went with it).
    page.get_by_text("Figures include your unsaved changes.").wait_for()
    tab_to(page, lambda name: name == "action")  # "Save plan", the first submit button
    assert page.evaluate("document.activeElement.value") == "save"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_text("Plan saved.").is_visible()
    event = draft.activities.get(kind="event")
    assert event.per_week == Decimal("0.5") and event.minutes_each == 45
    screenshot(page, "plan-keyboard")


def test_live_figures_update_as_the_person_types(page, draft):
    log_in(page, "kim@example.org")
    page.goto("/o/kbd/plan/")
    share = page.locator('[data-figures-for="tw"] dt:text-is("Interactive share") + dd')
    assert share.inner_text().split() == ["0%", "aim", "≥", "40%"]  # one own-work post only
    page.get_by_role("button", name="Add an activity on Kbd on X").click()
    row = page.locator("#channel-tw [data-row]").last
    row.get_by_label("Activity").select_option("reply")
    row.get_by_label("Times a week").fill("3")
    row.get_by_label("Minutes each").fill("5")
    page.wait_for_function(
        "() => document.querySelector('[data-figures-for=\"tw\"]').innerText.includes('50%')"
    )
    assert share.inner_text().split() == ["50%", "aim", "≥", "40%"]
    assert page.get_by_text("Figures include your unsaved changes.").is_visible()
    assert draft.activities.count() == 1  # nothing saved


def submit(page, button_name: str) -> None:
    with page.expect_navigation():
        page.get_by_role("button", name=button_name, exact=True).click()


def add_channel(page, **fields) -> None:
    page.goto("/o/fresh/channels/")
    page.get_by_role("link", name="Add channel").click()
    page.get_by_label("Short code").fill(fields["key"])
    page.get_by_label("Platform").select_option(fields["platform"])
    page.get_by_label("Name:", exact=True).fill(fields["name"])
    page.get_by_label("Handle").fill(fields["handle"])
    page.get_by_label("Identity or initiative").fill("Fresh Start")
    page.get_by_label("Objective").select_option(fields["objective"])
    page.get_by_label("Audience").fill(fields["audience"])
    if "presence" in fields:
        page.get_by_label("Presence").select_option(fields["presence"])
    if "follows" in fields:
        page.get_by_label("Accounts followed").fill(fields["follows"])
    page.get_by_label("Reply target (hours)").fill("24")
    if fields["key"] == "fb":
        screenshot(page, "issue4-02-channel-form")
    submit(page, "Add channel")


def add_person(page, key, name, capacity) -> None:
    page.goto("/o/fresh/staff/")
    page.get_by_role("link", name="Add a person").click()
    page.get_by_label("Short code").fill(key)
    page.get_by_label("Name").fill(name)
    page.get_by_label("Email").fill(f"{key}@fresh.example")
    page.get_by_label("Weekly capacity (hours)").fill(capacity)
    submit(page, "Add person")


def assign(page, channel_key, channel_name, person, hours, duties, backup=False) -> None:
    page.goto(f"/o/fresh/channels/{channel_key}/")
    page.get_by_label("Person:", exact=True).select_option(label=person)
    page.get_by_label("Hours a week").fill(hours)
    for duty in duties:
        page.get_by_label(duty).check()
    if backup:
        page.get_by_label("Named backup").check()
    submit(page, f"Assign to {channel_name}")


def fill_row(row, kind, per_week, minutes, owner=None, points_to=None) -> None:
    row.get_by_label("Activity").select_option(kind)
    row.get_by_label("Times a week").fill(per_week)
    row.get_by_label("Minutes each").fill(minutes)
    if owner:
        row.get_by_label("Owner").select_option(label=owner)
    if points_to:
        row.get_by_label("Points to").select_option(label=points_to)


def add_row(page, channel_key, channel_name):
    page.get_by_role("button", name=f"Add an activity on {channel_name}").click()
    return page.locator(f"#channel-{channel_key} [data-row]").last


def test_comms_fills_in_a_plan_and_a_manager_approves_it(page, transactional_db):
    """The whole plan in the browser, from an empty organization to an approved plan."""
    from outreach.models import Membership
    from strategy.models import StrategyPlan

    organization = OrganizationFactory(name="Fresh Start", slug="fresh")
    for email, role in [("cara@fresh.example", "comms"), ("max@fresh.example", "manager")]:
        MembershipFactory(
            user=UserFactory(email=email, username=email),
            organization=organization,
            role=getattr(Membership.Role, role.upper()),
        )

    log_in(page, "cara@fresh.example")
    page.goto("/o/fresh/plan/")
    assert page.get_by_role("button", name="Start the plan").is_visible()
    screenshot(page, "issue4-01-empty-organization")

    add_channel(
        page,
        key="tw",
        platform="twitter",
        name="Fresh on X",
        handle="@fresh",
        objective="thought_leadership",
        audience="Adult learners",
        follows="150",
    )
    add_channel(
        page,
        key="fb",
        platform="facebook",
        name="Fresh page",
        handle="",
        objective="community",
        audience="Learners and alumni",
        presence="presence",
    )
    add_person(page, "ana", "Ana Ruiz", "10")
    add_person(page, "bo", "Bo Lee", "6")
    assign(
        page,
        "tw",
        "Fresh on X",
        "Ana Ruiz",
        "4",
        ["Posts", "Responds to replies and mentions", "Curates (follows and re-shares)"],
    )
    assign(page, "tw", "Fresh on X", "Bo Lee", "1", ["Posts"], backup=True)
    assign(
        page,
        "fb",
        "Fresh page",
        "Bo Lee",
        "3",
        ["Posts", "Responds to replies and mentions", "Moderates discussions"],
    )
    screenshot(page, "issue4-03-channel")

    page.goto("/o/fresh/plan/")
    page.get_by_label("Title").fill("Fresh Start 2027")
    page.get_by_label("Period start").fill("2027-01-01")
    page.get_by_label("Period end").fill("2027-06-30")
    page.get_by_label("Objectives").fill("Be the place adult learners come back to.")
    submit(page, "Start the plan")

    fill_row(
        page.locator("#channel-tw [data-row]").last,
        "point_to_own_work",
        "3",
        "10",
        owner="Ana Ruiz",
        points_to="Fresh page",
    )
    fill_row(add_row(page, "tw", "Fresh on X"), "retweet", "5", "3", owner="Ana Ruiz")
    fill_row(add_row(page, "tw", "Fresh on X"), "reply", "5", "5", owner="Ana Ruiz")
    fill_row(page.locator("#channel-fb [data-row]").last, "discussion", "1", "20", owner="Bo Lee")
    fill_row(add_row(page, "fb", "Fresh page"), "poll", "0.25", "15", owner="Bo Lee")
    link = page.locator("#links [data-row]").last
    link.get_by_label("From").select_option(label="Fresh page")
    link.get_by_label("To").select_option(label="Fresh on X")
    link.get_by_label("How").select_option("embed")
    submit(page, "Save plan")
    assert page.get_by_text("Plan saved.").is_visible()
    plan = StrategyPlan.objects.get(organization=organization)
    assert plan.activities.count() == 5 and plan.links.count() == 1
    screenshot(page, "issue4-04-plan-editor")

    submit(page, "Submit for review")
    assert page.get_by_text("waiting for a manager").is_visible()
    screenshot(page, "issue4-05-submitted")
    submit(page, "Log out")

    log_in(page, "max@fresh.example")
    page.goto("/o/fresh/plan/")
    submit(page, "Approve the plan")
    plan.refresh_from_db()
    assert plan.status == StrategyPlan.Status.APPROVED
    assert page.get_by_text("Approved and read-only").is_visible()
    assert page.locator('input[name="plan-title"]').count() == 0
    assert page.get_by_role("button", name="Save plan").count() == 0
    assert page.get_by_role("button", name="Start a revision").is_visible()
    screenshot(page, "issue4-06-approved")


def test_a_collapsed_channel_of_a_large_plan_opens_and_its_row_is_edited_and_saved(
    page, transactional_db
):
    """A plan of 220 activities opens with each channel collapsed, its rows as text. Opened,
    a channel's rows become editable with every choice listed; the save keeps every other
    row as it was."""
    from audits.tests.plans import plan_with_channels

    organization = OrganizationFactory(name="Large Org", slug="large")
    user = UserFactory(email="lu@example.org", username="lu@example.org")
    MembershipFactory(user=user, organization=organization)
    plan, channels = plan_with_channels(organization, 11, activities_each=20)
    other = StaffMemberFactory(organization=organization, name="Other Person")
    before = {a["id"]: a for a in plan.activities.values()}

    log_in(page, "lu@example.org")
    page.goto("/o/large/plan/")
    section = page.locator("#channel-c4")
    assert page.locator("details[data-section][open]").count() == 0
    first = section.locator("[data-row]").first
    assert not first.is_visible()
    section.locator("details[data-section] > summary").click()
    first.get_by_label("Times a week").fill("4.5")
    first.get_by_label("Owner").select_option(label="Other Person")
    first.get_by_label("Points to").select_option(label=channels[7].name)
    # The figures refresh after the last change: saving waits for them (on SQLite, the test
    # server's requests would otherwise overlap on one locked table).
    page.wait_for_function(
        "() => document.querySelector('[data-figures-for=\"c4\"]').innerText.includes('Channel c7')"
    )
    screenshot(page, "issue13-large-plan-opened")
    submit(page, "Save plan")
    assert page.get_by_text("Plan saved.").is_visible()

    edited = plan.activities.filter(channel=channels[4]).order_by("id").first()
    assert edited.per_week == Decimal("4.5") and edited.owner == other
    assert edited.links_to == channels[7]
    after = {a["id"]: a for a in plan.activities.values()}
    assert after.keys() == before.keys()
    assert [pk for pk in after if after[pk] != before[pk]] == [edited.pk]
