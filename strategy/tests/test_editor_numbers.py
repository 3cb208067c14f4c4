"""The plan editor's "Times a week" comes back as it was typed: 10, not 1E+1 nor 10.00; the
editor's rows and its forms write numbers with `outreach.numbers.plain_number`."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from outreach.tests.factories import ChannelFactory, StaffMemberFactory
from strategy.forms import ActivityForm
from strategy.models import PlannedActivity
from strategy.tests.editor import editor_data, post_editor, row_prefix
from strategy.tests.factories import PlannedActivityFactory, StrategyPlanFactory

pytestmark = pytest.mark.django_db

TYPED = [("10", "10"), ("0.25", "0.25"), ("200", "200"), ("2.50", "2.5")]


def per_week_input(html: str, prefix: str) -> str:
    tag = re.search(rf'<input[^>]*name="{prefix}-per_week"[^>]*>', html).group(0)
    return re.search(r'value="([^"]*)"', tag).group(1)


@pytest.mark.parametrize("typed,shown", TYPED)
def test_times_a_week_saved_in_the_editor_comes_back_as_typed(
    comms_client, organization, typed, shown
):
    plan = StrategyPlanFactory(organization=organization)
    tw = ChannelFactory(organization=organization, key="tw", handle="@acme")
    ana = StaffMemberFactory(organization=organization)
    PlannedActivityFactory(plan=plan, channel=tw, owner=ana)
    data, editor = editor_data(comms_client, "acme")
    prefix = row_prefix(editor, channel=tw)
    data[f"{prefix}-per_week"] = typed
    assert post_editor(comms_client, "acme", data).status_code == 302
    activity = PlannedActivity.objects.get()
    assert activity.per_week == Decimal(typed)

    page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert per_week_input(page, prefix) == shown
    # The row's form, as the editor builds it over the stored row, writes the same.
    form = ActivityForm(instance=activity, channels=[tw], people=[ana])
    assert f'value="{shown}"' in str(form["per_week"])
    # And what the page posts back unchanged is no change at all.
    data, _ = editor_data(comms_client, "acme")
    assert data[f"{prefix}-per_week"] == shown
    assert post_editor(comms_client, "acme", data).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2
