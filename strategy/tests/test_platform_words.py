"""The plan's pages speak each network's words for an activity kind; the stored kind stays."""

from html import unescape

import pytest
from django.urls import reverse

from outreach.tests.factories import ChannelFactory
from strategy.models import StrategyPlan
from strategy.tests.factories import PlannedActivityFactory, StrategyPlanFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organization):
    plan = StrategyPlanFactory(organization=organization)
    for key, platform in (("ma", "mastodon"), ("fb", "facebook")):
        channel = ChannelFactory(organization=organization, key=key, platform=platform)
        PlannedActivityFactory(plan=plan, channel=channel, kind="retweet")
    return plan


def test_the_editor_lists_kinds_in_each_networks_words(comms_client, plan):
    """A Mastodon row reads "Boost", a Facebook row "Share"; each platform's list is on the
    page once, for the script, and the posted value is still `retweet`."""
    html = unescape(comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode())
    assert '<option value="retweet" selected>Boost</option>' in html
    assert '<option value="retweet" selected>Share</option>' in html
    assert html.count('<template data-kinds="mastodon">') == 1
    assert 'data-platform="facebook"' in html
    assert "Re-share (retweet)" not in html.split('<template data-empty-row="act">')[0]


def test_the_read_only_plan_uses_the_networks_words(comms_client, plan):
    StrategyPlan.objects.filter(pk=plan.pk).update(status=StrategyPlan.Status.SUBMITTED)
    html = unescape(comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode())
    assert "<td>Boost</td>" in html and "<td>Share</td>" in html
    assert "retweet" not in html.lower().replace('value="retweet"', "")
