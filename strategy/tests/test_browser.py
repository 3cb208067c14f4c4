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
    panel = page.locator('[data-figures-for="tw"]')
    assert "0%" in panel.inner_text()  # one own-work post: nothing interactive
    page.get_by_role("button", name="Add an activity on Kbd on X").click()
    row = page.locator("#channel-tw [data-row]").last
    row.get_by_label("Activity").select_option("reply")
    row.get_by_label("Times a week").fill("3")
    row.get_by_label("Minutes each").fill("5")
    page.wait_for_function(
        "() => document.querySelector('[data-figures-for=\"tw\"]').innerText.includes('50%')"
    )
    assert page.get_by_text("Figures include your unsaved changes.").is_visible()
    assert draft.activities.count() == 1  # nothing saved
