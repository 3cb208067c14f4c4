"""The data migrations of the strategy app, run on rows as they stood before them."""

import importlib

import pytest
from django.apps import apps

from outreach.tests.factories import StaffMemberFactory
from strategy.models import PlannedActivity
from strategy.tests.factories import PlannedActivityFactory, StrategyPlanFactory

pytestmark = pytest.mark.django_db

owner_names_fill = importlib.import_module(
    "strategy.migrations.0003_plannedactivity_owner_name_fill"
).owner_names_fill


@pytest.mark.parametrize(
    "status,kept", [("approved", "Ana Ruiz"), ("draft", ""), ("submitted", ""), ("returned", "")]
)
def test_the_owners_names_of_revisions_approved_before_are_filled(organization, status, kept):
    ana = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    plan = StrategyPlanFactory(organization=organization, status=status)
    owned = PlannedActivityFactory(plan=plan, owner=ana)
    unowned = PlannedActivityFactory(plan=plan)
    owner_names_fill(apps, None)
    assert dict(PlannedActivity.objects.values_list("pk", "owner_name")) == {
        owned.pk: kept,
        unowned.pk: "",
    }
