"""Importing a plan file: all or nothing, idempotent, and the round trip with the export."""

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from outreach.models import Assignment, Channel, Membership, Organization, StaffMember
from outreach.tests.factories import UserFactory
from strategy.models import ChannelLink, PlannedActivity, StrategyPlan
from strategy.planfile import PlanFileError
from strategy.selectors import plan_document
from strategy.services import plan_import
from strategy.tests.test_planfile import (
    BAD_FILES,
    SPEC_EXAMPLE,
    demo_document,
    example_document,
)

pytestmark = pytest.mark.django_db

MODELS = (
    Organization,
    Membership,
    Channel,
    StaffMember,
    Assignment,
    StrategyPlan,
    PlannedActivity,
    ChannelLink,
    get_user_model(),
)


def _snapshot() -> dict:
    """Every row of every model, as plain values, to prove that nothing changed."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in MODELS}


def test_import_creates_everything():
    result = plan_import(document=example_document())

    assert result.created and result.changed and result.new_revision
    organization = result.organization
    assert (organization.name, organization.slug, organization.timezone) == (
        "Acme Learning",
        "acme",
        "Europe/London",
    )
    tw, fb = Channel.objects.filter(organization=organization).order_by("id")
    assert (tw.key, tw.platform, tw.handle, tw.follows, tw.presence) == (
        "tw",
        "twitter",
        "@acme",
        240,
        "",
    )
    assert (fb.key, fb.presence, fb.objective) == ("fb", "presence", "community")
    ana = StaffMember.objects.get(organization=organization)
    assert (ana.key, ana.email, ana.capacity_hours) == ("ana", "ana@example.org", 10)
    assignment = Assignment.objects.get()
    assert (assignment.staff, assignment.channel, assignment.hours_per_week) == (ana, tw, 4)
    assert assignment.duties == ["post", "respond", "curate"] and not assignment.backup
    plan = result.plan
    assert (plan.revision, plan.version, plan.status) == (1, 1, "draft")
    assert plan.title == "2027 H1 outreach"
    activity = plan.activities.get()
    assert (activity.channel, activity.owner, activity.links_to, activity.per_week) == (
        tw,
        ana,
        fb,
        3,
    )
    link = plan.links.get()
    assert (link.from_channel, link.to_channel, link.how) == (fb, tw, "embed")


def test_the_spec_example_round_trips_exactly():
    organization = plan_import(document=example_document()).organization
    exported = plan_document(organization=organization)
    assert exported == SPEC_EXAMPLE
    assert json.dumps(exported) == json.dumps(SPEC_EXAMPLE)  # key order too


def test_importing_the_same_file_twice_changes_nothing():
    plan_import(document=demo_document())
    before = _snapshot()

    result = plan_import(document=demo_document())

    assert not result.changed and not result.created
    assert result.plan.version == 1
    assert _snapshot() == before


def test_the_order_of_lists_in_the_file_does_not_matter():
    plan_import(document=demo_document())
    before = _snapshot()
    shuffled = demo_document()
    for section in ("channels", "staff", "assignments", "activities", "links"):
        shuffled[section].reverse()
    shuffled["assignments"][0]["duties"].reverse()

    assert not plan_import(document=shuffled).changed
    assert _snapshot() == before


def test_export_import_export_round_trips():
    organization = plan_import(document=demo_document()).organization
    exported = plan_document(organization=organization)
    before = _snapshot()

    assert not plan_import(document=copy.deepcopy(exported)).changed
    assert plan_document(organization=organization) == exported
    assert _snapshot() == before


def test_export_imported_under_another_slug_gives_the_same_plan():
    organization = plan_import(document=demo_document()).organization
    exported = plan_document(organization=organization)
    exported["organization"]["slug"] = "copy"

    copied = plan_import(document=copy.deepcopy(exported)).organization

    assert copied != organization
    assert plan_document(organization=copied) == exported


def test_a_bad_file_writes_nothing():
    plan_import(document=example_document())
    UserFactory()
    before = _snapshot()
    document = demo_document()
    document["channels"][0]["platform"] = "myspace"
    document["links"].append({"from": "blog", "to": "blog", "how": "embed"})

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    assert raised.value.errors == [
        "channels[0].platform: 'myspace' is not a platform (one of twitter, mastodon, bluesky, "
        "facebook, linkedin, instagram, youtube, blog)",
        "links[6].to: a link joins two different channels, not 'blog' to itself",
    ]
    assert _snapshot() == before


def test_a_change_to_a_draft_updates_it_in_place():
    plan = plan_import(document=example_document()).plan
    old_activity_ids = set(plan.activities.values_list("id", flat=True))
    user = UserFactory()
    document = example_document()
    document["activities"][0]["per_week"] = 5
    document["plan"]["title"] = "2027 H1 outreach, revised"

    result = plan_import(document=document, user=user)

    assert result.changed and not result.created and not result.new_revision
    plan = StrategyPlan.objects.get()
    assert result.plan == plan
    assert (plan.revision, plan.version, plan.title) == (1, 2, "2027 H1 outreach, revised")
    assert plan.updated_by == user
    activity = plan.activities.get()
    assert activity.per_week == 5
    assert activity.id not in old_activity_ids  # replaced
    assert plan_document(organization=result.organization) == document


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_a_change_to_a_submitted_or_approved_plan_makes_a_new_revision(status):
    first = plan_import(document=example_document()).plan
    StrategyPlan.objects.filter(pk=first.pk).update(status=status)
    document = example_document()
    document["activities"].append(
        {"channel": "fb", "kind": "discussion", "per_week": 1, "minutes_each": 20}
    )

    result = plan_import(document=document)

    assert result.new_revision
    assert (result.plan.revision, result.plan.version, result.plan.status) == (2, 1, "draft")
    first.refresh_from_db()
    assert (first.status, first.version, first.activities.count()) == (status, 1, 1)
    assert result.plan.activities.count() == 2
    assert plan_document(organization=result.organization) == document


def test_a_returned_plan_is_updated_in_place():
    first = plan_import(document=example_document()).plan
    StrategyPlan.objects.filter(pk=first.pk).update(status="returned")
    document = example_document()
    document["links"] = []

    result = plan_import(document=document)

    assert result.plan == first and not result.new_revision
    assert (result.plan.version, result.plan.status) == (2, "returned")
    assert not ChannelLink.objects.exists()


def test_a_change_to_channels_alone_leaves_an_approved_plan_as_it_is():
    first = plan_import(document=example_document()).plan
    StrategyPlan.objects.filter(pk=first.pk).update(status="approved")
    document = example_document()
    document["channels"][0]["audience"] = "L&D leads and HR directors"

    result = plan_import(document=document)

    assert result.changed and not result.new_revision
    assert StrategyPlan.objects.get() == result.plan == first
    assert Channel.objects.get(key="tw").audience == "L&D leads and HR directors"


def test_what_a_new_file_leaves_out_is_deactivated_or_removed():
    organization = plan_import(document=demo_document()).organization
    linkedin = Channel.objects.get(organization=organization, key="linkedin")
    document = demo_document()
    document["channels"] = [c for c in document["channels"] if c["key"] != "linkedin"]
    document["staff"] = [s for s in document["staff"] if s["key"] != "sam"]
    document["assignments"] = [
        a
        for a in document["assignments"]
        if "linkedin" not in (a["channel"],) and a["staff"] != "sam"
    ]
    document["activities"] = [
        a for a in document["activities"] if a["channel"] != "linkedin" and a.get("owner") != "sam"
    ]

    plan_import(document=document)

    linkedin.refresh_from_db()
    assert not linkedin.active  # kept, for its history
    assert not StaffMember.objects.filter(organization=organization, key="sam").exists()
    assert Assignment.objects.filter(channel__organization=organization).count() == len(
        document["assignments"]
    )
    exported = plan_document(organization=organization)
    assert [c for c in exported["channels"] if c["key"] == "linkedin"][0]["active"] is False
    # The same file again: the channel is already inactive, so nothing changes.
    before = _snapshot()
    assert not plan_import(document=document).changed
    assert _snapshot() == before


def test_a_file_can_bring_a_channel_back():
    plan_import(document=example_document())
    document = example_document()
    document["channels"][1]["active"] = False
    plan_import(document=document)
    assert not Channel.objects.get(key="fb").active

    plan_import(document=example_document())

    assert Channel.objects.get(key="fb").active


def test_thresholds_are_stored_on_the_organization():
    document = example_document()
    document["thresholds"] = {"healthy_from": 75, "interactive_share_min": 0.5}

    organization = plan_import(document=document).organization

    organization.refresh_from_db()
    assert organization.thresholds == {"healthy_from": 75, "interactive_share_min": 0.5}
    assert plan_document(organization=organization) == document


def test_an_organization_without_a_plan_gets_its_first_revision(organization):
    document = example_document()  # its slug is the fixture organization's, "acme"

    result = plan_import(document=document)

    assert result.organization == organization and not result.created
    assert (result.plan.revision, result.new_revision) == (1, True)
    organization.refresh_from_db()
    assert organization.name == "Acme Learning"


def test_a_model_check_failing_mid_import_rolls_everything_back(monkeypatch):
    """Should the validator ever miss what a model refuses, the transaction still undoes it."""
    monkeypatch.setattr(
        "strategy.services.planfile_import.plan_document_errors", lambda document: []
    )
    document = example_document()
    document["staff"][0]["email"] = "not an email"

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    assert raised.value.errors == ["staff[0].email: Enter a valid email address."]
    assert not Organization.objects.exists() and not Channel.objects.exists()


@pytest.mark.parametrize(("change", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_every_kind_of_bad_file_names_its_problem_and_leaves_the_database_as_it_was(
    change, message
):
    """Each bad file of the validator's catalogue, imported over an existing plan."""
    plan_import(document=example_document())
    before = _snapshot()
    document = example_document()
    change(document)

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    assert message in raised.value.errors
    assert _snapshot() == before
