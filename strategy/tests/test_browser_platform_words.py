"""The plan editor's script keeps each network's words for the kinds (Debian's chromium)."""

import pytest

from conftest import log_in
from outreach.tests.factories import (
    ChannelFactory,
    MembershipFactory,
    OrganizationFactory,
    UserFactory,
)
from strategy.tests.factories import PlannedActivityFactory, StrategyPlanFactory

pytestmark = [pytest.mark.browser, pytest.mark.services]


def test_added_and_opened_rows_speak_the_channels_network(page, transactional_db):
    """A row added on the Mastodon channel offers "Boost", one on X "Repost (retweet)"; a saved
    row's full list, filled in by the script, keeps the network's word and its value."""
    organization = OrganizationFactory(name="Words Org", slug="words")
    user = UserFactory(email="wo@example.org", username="wo@example.org")
    MembershipFactory(user=user, organization=organization)
    plan = StrategyPlanFactory(organization=organization)
    for key, platform in (("ma", "mastodon"), ("tw", "twitter")):
        channel = ChannelFactory(organization=organization, key=key, platform=platform)
        PlannedActivityFactory(plan=plan, channel=channel, kind="retweet")
    log_in(page, "wo@example.org")
    page.goto("/o/words/plan/")
    for key, word in (("ma", "Boost"), ("tw", "Repost (retweet)")):
        section = page.locator(f"#channel-{key}")
        saved = section.locator("[data-row] select[name$='-kind']").first
        saved.focus()
        assert saved.input_value() == "retweet"
        assert word in saved.locator("option").all_inner_texts()
        section.get_by_role("button", name="Add an activity").click()
        added = section.locator("[data-row] select[name$='-kind']").last
        assert word in added.locator("option").all_inner_texts()
        assert "Re-share (retweet)" not in added.locator("option").all_inner_texts()
