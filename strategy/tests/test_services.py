"""Importing a plan file: all or nothing, idempotent, and the round trip with the export.
The plan's lifecycle: each step from the states it allows only, each refusal saying why and
writing nothing."""

import copy
import json

import pytest
from django.contrib.auth import get_user_model

from outreach.models import (
    Assignment,
    ChangeRecord,
    Channel,
    Membership,
    Organization,
    StaffMember,
)
from outreach.tests.factories import StaffMemberFactory, UserFactory
from outreach.thresholds import DEFAULT_THRESHOLDS
from strategy.models import ChannelLink, PlannedActivity, StrategyPlan
from strategy.planfile import PlanFileError
from strategy.selectors import plan_document
from strategy.services import (
    PlanNotEditable,
    RowChanges,
    StalePlan,
    plan_approve,
    plan_edit,
    plan_import,
    plan_return,
    plan_revise,
    plan_submit,
)
from strategy.services.lifecycle import PlanStateError
from strategy.tests.factories import (
    ChannelLinkFactory,
    PlannedActivityFactory,
    StrategyPlanFactory,
)
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
    ChangeRecord,
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
    original = plan_document(organization=organization)
    exported = copy.deepcopy(original)
    exported["organization"]["slug"] = "copy"

    copied = plan_import(document=copy.deepcopy(exported)).organization

    assert copied.slug == "copy" and copied.pk != organization.pk
    assert plan_document(organization=copied) == exported
    assert plan_document(organization=organization) == original


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

    assert raised.value.errors == [message]
    assert _snapshot() == before


@pytest.mark.parametrize(
    ("thresholds", "message"),
    [
        (
            {"interactive_share_min": 40},
            "thresholds.interactive_share_min: a share from 0 to 1 (0.4 means 40%), not 40",
        ),
        (
            {"posts_per_day": 3},
            "thresholds.posts_per_day: not a threshold; the thresholds are: "
            + ", ".join(DEFAULT_THRESHOLDS),
        ),
    ],
    ids=["share as a percentage", "unknown name"],
)
def test_importing_nonsense_thresholds_writes_nothing_and_names_the_place(thresholds, message):
    """The file is refused whole: the organization keeps its plan and its own thresholds."""
    document = example_document()
    document["thresholds"] = {"healthy_from": 75}
    organization = plan_import(document=document).organization
    before = _snapshot()
    document = example_document()
    document["plan"]["title"] = "A plan that must not be written"
    document["thresholds"] = thresholds

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    assert raised.value.errors == [message]
    assert _snapshot() == before
    organization.refresh_from_db()
    assert organization.thresholds == {"healthy_from": 75}


# The plan's lifecycle -------------------------------------------------------------------------


def _records(plan) -> list[tuple[int, str]]:
    return list(
        ChangeRecord.objects.filter(organization=plan.organization)
        .order_by("plan_revision", "plan_version")
        .values_list("plan_version", "summary")
    )


def test_the_lifecycle_steps_move_the_plan_and_each_is_counted_and_recorded(organization):
    comms, manager = UserFactory(), UserFactory()
    plan = StrategyPlanFactory(organization=organization, title="Spring plan")
    PlannedActivityFactory(plan=plan)
    ChannelLinkFactory(plan=plan)

    plan_submit(plan=plan, user=comms, expected_version=1)
    plan_return(plan=plan, user=manager, comment="  Add polls.  ")
    plan.refresh_from_db()
    assert (plan.status, plan.review_comment) == ("returned", "Add polls.")
    plan_submit(plan=plan, user=comms)
    plan_approve(plan=plan, user=manager)
    draft = plan_revise(plan=plan, user=comms)

    plan.refresh_from_db()
    assert (plan.status, plan.version, plan.review_comment) == ("approved", 5, "")
    assert plan.updated_by == manager
    assert (draft.revision, draft.status, draft.version, draft.title) == (
        2,
        "draft",
        1,
        "Spring plan",
    )
    assert draft.activities.count() == 1 and draft.links.count() == 1
    assert _records(plan) == [
        (2, "Submitted the plan for review"),
        (3, "Returned the plan: Add polls."),
        (4, "Submitted the plan for review"),
        (5, "Approved the plan"),
        (1, "Started revision 2 from revision 1"),
    ]


def test_approving_keeps_the_owners_names_and_a_revision_starts_without_them(organization):
    """An approved revision is history: it keeps who was to do each activity, even after the
    person is removed. A new draft names people only through its owners, like every draft."""
    plan = StrategyPlanFactory(organization=organization, status="submitted")
    ana = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    owned = PlannedActivityFactory(plan=plan, owner=ana)
    unowned = PlannedActivityFactory(plan=plan)
    plan_approve(plan=plan, user=None)
    owned.refresh_from_db()
    unowned.refresh_from_db()
    assert (owned.owner_name, unowned.owner_name) == ("Ana Ruiz", "")
    draft = plan_revise(plan=plan, user=None)
    assert sorted(draft.activities.values_list("owner_name", flat=True)) == ["", ""]

    ana.delete()
    owned.refresh_from_db()
    assert owned.owner is None and (owned.owner_label, owned.owner_removed) == ("Ana Ruiz", True)
    assert [(a.owner, a.owner_label) for a in draft.activities.all()] == [(None, "")] * 2


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_only_a_draft_or_a_returned_plan_is_submitted(organization, status):
    plan = StrategyPlanFactory(organization=organization, status=status)
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanStateError) as raised:
        plan_submit(plan=plan, user=user)

    assert str(raised.value) == f"The plan is {status}; this step needs it draft or returned."
    assert _snapshot() == before


def test_a_submit_based_on_an_older_version_is_refused_naming_who_changed_it(organization):
    plan = StrategyPlanFactory(organization=organization, version=1)
    bo = UserFactory(email="bo@example.org")
    plan_submit(plan=plan, user=bo)
    plan_return(plan=plan, user=bo, comment="Add polls.")
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(StalePlan) as raised:
        plan_submit(plan=plan, user=user, expected_version=1)

    assert str(raised.value) == (
        "bo@example.org changed the plan since you opened it (now version 3)."
    )
    assert [c.summary for c in raised.value.changes] == [
        "Submitted the plan for review",
        "Returned the plan: Add polls.",
    ]
    assert _snapshot() == before


@pytest.mark.parametrize("status", ["draft", "returned", "approved"])
@pytest.mark.parametrize(
    "step",
    [
        lambda plan, user: plan_approve(plan=plan, user=user),
        lambda plan, user: plan_return(plan=plan, user=user, comment="Add polls."),
    ],
    ids=["approve", "return"],
)
def test_only_a_submitted_plan_is_approved_or_returned(organization, status, step):
    plan = StrategyPlanFactory(organization=organization, status=status)
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanStateError) as raised:
        step(plan, user)

    assert str(raised.value) == f"The plan is {status}; this step needs it submitted."
    assert _snapshot() == before


@pytest.mark.parametrize("comment", ["", "  \n "])
def test_a_plan_is_not_returned_without_a_comment(organization, comment):
    plan = StrategyPlanFactory(organization=organization, status="submitted")
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanStateError) as raised:
        plan_return(plan=plan, user=user, comment=comment)

    assert str(raised.value) == "Say what should change: a returned plan needs a comment."
    assert _snapshot() == before


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_only_an_approved_plan_is_revised(organization, status):
    plan = StrategyPlanFactory(organization=organization, status=status)
    PlannedActivityFactory(plan=plan)
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanStateError) as raised:
        plan_revise(plan=plan, user=user)

    assert str(raised.value) == "Only an approved plan is revised; edit the draft instead."
    assert _snapshot() == before


def test_an_approved_revision_that_another_follows_is_not_revised_again(organization):
    first = StrategyPlanFactory(organization=organization, revision=1, status="approved")
    StrategyPlanFactory(organization=organization, revision=2, status="approved")
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanStateError) as raised:
        plan_revise(plan=first, user=user)

    assert str(raised.value) == "Revision 2 already follows this one."
    assert _snapshot() == before


def test_a_step_reads_the_stored_state_not_the_callers_copy(organization):
    """A manager's page loaded before the plan was approved cannot approve it a second time."""
    plan = StrategyPlanFactory(organization=organization, status="submitted")
    stale_copy = StrategyPlan.objects.get(pk=plan.pk)
    plan_approve(plan=plan, user=UserFactory())
    before = _snapshot()

    with pytest.raises(PlanStateError, match="The plan is approved; this step needs it submitted"):
        plan_approve(plan=stale_copy, user=None)

    assert _snapshot() == before


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_an_edit_of_a_plan_under_review_or_approved_is_refused(organization, status):
    """The page shows such a plan read-only; an edit reaching the service anyway is refused."""
    plan = StrategyPlanFactory(organization=organization, status=status, title="Spring plan")
    activity = PlannedActivityFactory(plan=plan)
    activity.per_week = 9
    user = UserFactory()
    before = _snapshot()

    with pytest.raises(PlanNotEditable) as raised:
        plan_edit(
            plan=plan,
            expected_version=1,
            user=user,
            plan_fields={"title": "Changed under review"},
            activities=RowChanges(saved=[activity]),
            links=RowChanges(),
        )

    assert str(raised.value) == f"The plan is {status}."
    assert _snapshot() == before


# What the database would refuse is refused first, by place ------------------------------------


def _without_file_checks(monkeypatch):
    """As if the validator missed what the models refuse: the import's own checks must catch
    it, before the database does."""
    monkeypatch.setattr(
        "strategy.services.planfile_import.plan_document_errors", lambda document: []
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["activities"][0].update(links_to="tw"),
            # clean() says it of a plan already stored; of a new one, the check constraint.
            {
                "new": "activities[0].links_to: must satisfy links_to ≠ channel (the "
                "database's constraint activity_points_elsewhere)",
                "existing": "activities[0].links_to: A channel's posts point to another channel.",
            },
        ),
        (
            lambda d: d["links"][0].update(to="fb"),
            {
                "new": "links[0].from: must satisfy from_channel ≠ to_channel (the database's "
                "constraint link_between_two_channels)",
                "existing": "links[0].to: A link joins two different channels.",
            },
        ),
        (
            lambda d: d["links"].append(dict(d["links"][0])),
            "links[1]: repeats links[0] in from, to, how, which must differ",
        ),
        (
            lambda d: d["assignments"].append(dict(d["assignments"][0], hours_per_week=1)),
            "assignments[1]: repeats assignments[0] in staff, channel, which must differ",
        ),
        (
            lambda d: d["activities"][0].update(per_week=-1),
            "activities[0].per_week: Ensure this value is greater than or equal to 0.",
        ),
    ],
    ids=["activity to itself", "link to itself", "same link twice", "same pair twice", "negative"],
)
@pytest.mark.parametrize("existing", [False, True], ids=["new", "over an existing plan"])
def test_a_row_the_database_would_refuse_is_refused_by_place_and_nothing_is_written(
    monkeypatch, change, message, existing
):
    if existing:
        plan_import(document=example_document())
    before = _snapshot()
    _without_file_checks(monkeypatch)
    document = example_document()
    change(document)

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    if isinstance(message, dict):
        message = message["existing" if existing else "new"]
    assert raised.value.errors == [message]
    assert _snapshot() == before


def test_a_channel_key_given_twice_is_refused_against_the_stored_channel(monkeypatch):
    plan_import(document=example_document())
    before = _snapshot()
    _without_file_checks(monkeypatch)
    document = example_document()
    document["channels"].append(dict(document["channels"][0], name="Another X account"))

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    errors = raised.value.errors
    assert errors[0] == "channels[2]: repeats channels[0] in key, which must differ"
    # Given twice, the stored channel also repeats its own handle on the platform.
    assert all(error.startswith("channels[2]: repeats channels[0] in ") for error in errors)
    assert _snapshot() == before


def test_every_row_the_models_refuse_is_reported_at_once(monkeypatch):
    _without_file_checks(monkeypatch)
    document = demo_document()
    document["staff"][0]["email"] = "not an email"
    document["channels"][1]["name"] = "x" * 201
    document["activities"][2]["kind"] = "dance"

    with pytest.raises(PlanFileError) as raised:
        plan_import(document=document)

    assert raised.value.errors == [
        "channels[1].name: Ensure this value has at most 200 characters (it has 201).",
        "staff[0].email: Enter a valid email address.",
        "activities[2].kind: Value 'dance' is not a valid choice.",
    ]
    assert not Organization.objects.exists()
