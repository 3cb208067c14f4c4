"""The plan page: editing a draft, keeping input, refusing stale saves and forged ids,
the review lifecycle, plan files, live figures, and a bounded number of queries."""

import json
import re
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outreach.models import ChangeRecord, Membership, StaffMember
from outreach.tests.factories import (
    ChannelFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffMemberFactory,
    UserFactory,
)
from strategy.models import ChannelLink, PlannedActivity, StrategyPlan
from strategy.planfile import plan_document_errors
from strategy.selectors import plan_document, plan_page
from strategy.services import plan_approve, plan_return, plan_revise, plan_submit
from strategy.tests.editor import editor_data, post_editor, row_prefix
from strategy.tests.factories import (
    ChannelLinkFactory,
    PlannedActivityFactory,
    StrategyPlanFactory,
    spring_plan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organization):
    """A draft with two channels, a person, two activities and a link."""
    return spring_plan(organization)


def rows(plan):
    """Every stored row of the plan, to show that nothing was written."""
    plan.refresh_from_db()
    return (
        plan.version,
        plan.title,
        list(PlannedActivity.objects.filter(plan=plan).order_by("id").values()),
        list(ChannelLink.objects.filter(plan=plan).order_by("id").values()),
    )


def stored(organization):
    """Every plan revision, row and history entry of the organization, to show that a refused
    step wrote nothing at all (no status, version, revision or record)."""
    return (
        list(StrategyPlan.objects.filter(organization=organization).order_by("id").values()),
        list(
            PlannedActivity.objects.filter(plan__organization=organization).order_by("id").values()
        ),
        list(ChannelLink.objects.filter(plan__organization=organization).order_by("id").values()),
        list(ChangeRecord.objects.filter(organization=organization).order_by("id").values()),
    )


def shown_messages(response) -> list[str]:
    """The messages the page a step redirected to shows."""
    return [str(message) for message in response.context["messages"]]


def text_of(html: str) -> str:
    """Visible text, tags dropped and spaces squeezed."""
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def figures_of(html: str, channel_key: str) -> str:
    """The text of one channel's figures panel on the plan page."""
    panel = html.split(f'data-figures-for="{channel_key}"')[1].split("</aside>")[0]
    return text_of(panel.partition(">")[2])


def plan_score_of(html: str) -> str:
    return text_of(html.split('data-figures-for="__plan__">')[1].split("</p>")[0])


def test_an_edit_is_saved_counted_and_recorded_with_its_author(comms_client, plan):
    data, editor = editor_data(comms_client, "acme")
    prefix = row_prefix(editor, channel=plan.organization.channels.get(key="tw"))
    data[f"{prefix}-per_week"] = "4.5"
    response = post_editor(comms_client, "acme", data)
    assert response.status_code == 302
    plan.refresh_from_db()
    assert plan.version == 2 and plan.updated_by == comms_client.user
    assert plan.activities.get(kind="point_to_own_work").per_week == Decimal("4.5")
    record = ChangeRecord.objects.get(plan_version=2)
    assert record.actor == comms_client.user
    assert record.summary == "Edited the plan: 1 activity changed"
    page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Plan saved." in page and comms_client.user.email in page


def test_rows_are_added_on_their_channel_and_removed(comms_client, plan):
    data, editor = editor_data(comms_client, "acme")
    tw = plan.organization.channels.get(key="tw")
    new = row_prefix(editor, channel=tw, new=True)
    data.update({f"{new}-kind": "retweet", f"{new}-per_week": "5", f"{new}-minutes_each": "2"})
    data[f"{row_prefix(editor, kind='discussion')}-DELETE"] = "on"
    assert post_editor(comms_client, "acme", data).status_code == 302
    assert sorted(plan.activities.values_list("channel__key", "kind")) == [
        ("tw", "point_to_own_work"),
        ("tw", "retweet"),
    ]
    summary = ChangeRecord.objects.get(plan_version=2).summary
    assert summary == "Edited the plan: 1 activity added, 1 activity removed"


def test_saving_nothing_new_does_not_count_a_version(comms_client, plan):
    data, _ = editor_data(comms_client, "acme")
    assert post_editor(comms_client, "acme", data).status_code == 302
    plan.refresh_from_db()
    assert plan.version == 1 and not ChangeRecord.objects.exists()


def test_validation_errors_show_next_to_fields_and_keep_what_was_typed(comms_client, plan):
    before = rows(plan)
    data, editor = editor_data(comms_client, "acme")
    prefix = row_prefix(editor, kind="point_to_own_work")
    data[f"{prefix}-per_week"] = "-3"
    data[f"{prefix}-notes"] = "my carefully typed note"
    data["plan-title"] = ""
    data["plan-objectives"] = "Objectives I typed"
    response = post_editor(comms_client, "acme", data)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ensure this value is greater than or equal to 0." in html
    assert "This field is required." in html
    assert 'value="my carefully typed note"' in html and "Objectives I typed" in html
    assert 'value="-3"' in html
    assert rows(plan) == before


def test_a_stale_save_is_refused_with_what_changed_and_keeps_the_input(client, comms_client, plan):
    """Two people open the plan; the second save, based on the old version, is refused."""
    mine, editor = editor_data(comms_client, "acme")
    other = UserFactory(email="bo@example.org", username="bo@example.org")
    MembershipFactory(user=other, organization=plan.organization)
    from django.test import Client

    theirs_client = Client()
    theirs_client.force_login(other)
    theirs, their_editor = editor_data(theirs_client, "acme")
    theirs["plan-title"] = "Their title"
    assert post_editor(theirs_client, "acme", theirs).status_code == 302

    mine["plan-title"] = "My title"
    response = post_editor(comms_client, "acme", mine)
    html = response.content.decode()
    assert response.status_code == 409
    assert "bo@example.org" in html and "Edited the plan: changed title" in html
    assert 'value="My title"' in html  # nothing typed is lost
    assert 'name="plan-version" value="2"' in html  # saving again replaces, knowingly
    plan.refresh_from_db()
    assert plan.title == "Their title" and plan.version == 2


@pytest.mark.parametrize(
    "field,forged",
    [
        ("channel", "foreign_channel"),
        ("links_to", "foreign_channel"),
        ("owner", "foreign_person"),
        ("id", "foreign_activity"),
    ],
)
def test_forged_ids_of_another_organization_in_activity_rows_write_nothing(
    comms_client, plan, field, forged
):
    rival = OrganizationFactory()
    foreign = {
        "foreign_channel": ChannelFactory(organization=rival),
        "foreign_person": StaffMemberFactory(organization=rival),
        "foreign_activity": PlannedActivityFactory(plan=StrategyPlanFactory(organization=rival)),
    }
    before = rows(plan)
    foreign_rows = list(PlannedActivity.objects.filter(plan__organization=rival).values())
    data, editor = editor_data(comms_client, "acme")
    prefix = row_prefix(editor, kind="point_to_own_work")
    data[f"{prefix}-{field}"] = str(foreign[forged].pk)
    data[f"{prefix}-per_week"] = "7"
    response = post_editor(comms_client, "acme", data)
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert rows(plan) == before
    assert list(PlannedActivity.objects.filter(plan__organization=rival).values()) == foreign_rows


@pytest.mark.parametrize("field", ["from_channel", "to_channel"])
def test_forged_channel_ids_in_link_rows_write_nothing(comms_client, plan, field):
    foreign = ChannelFactory(organization=OrganizationFactory())
    before = rows(plan)
    data, _ = editor_data(comms_client, "acme")
    data[f"link-0-{field}"] = str(foreign.pk)
    response = post_editor(comms_client, "acme", data)
    assert "Select a valid choice" in response.content.decode()
    assert rows(plan) == before


def test_a_forged_link_id_of_another_plan_writes_nothing(comms_client, plan):
    foreign = ChannelLinkFactory(plan=StrategyPlanFactory(organization=OrganizationFactory()))
    foreign_before = list(ChannelLink.objects.filter(pk=foreign.pk).values())
    before = rows(plan)
    data, _ = editor_data(comms_client, "acme")
    data["link-0-id"] = str(foreign.pk)
    response = post_editor(comms_client, "acme", data)
    assert response.status_code == 200 and rows(plan) == before
    assert "Select a valid choice" in response.content.decode()
    assert list(ChannelLink.objects.filter(pk=foreign.pk).values()) == foreign_before


def test_comms_cannot_approve_or_return(comms_client, plan):
    plan.status = StrategyPlan.Status.SUBMITTED
    plan.save()
    before = stored(plan.organization)
    assert comms_client.post(reverse("strategy:approve", args=["acme"])).status_code == 403
    response = comms_client.post(reverse("strategy:return", args=["acme"]), {"comment": "no"})
    assert response.status_code == 403
    assert stored(plan.organization) == before


def test_the_lifecycle_from_draft_to_an_approved_read_only_plan_and_a_revision(
    client, comms_client, plan
):
    submit = comms_client.post(reverse("strategy:submit", args=["acme"]), {"version": "1"})
    assert submit.status_code == 302
    plan.refresh_from_db()
    assert plan.status == "submitted"
    page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "waiting for a manager" in page and "Save plan" not in page

    manager = UserFactory()
    MembershipFactory(user=manager, organization=plan.organization, role=Membership.Role.MANAGER)
    client.force_login(manager)
    assert client.post(reverse("strategy:approve", args=["acme"])).status_code == 302
    plan.refresh_from_db()
    assert plan.status == "approved"

    # Read-only: a save posted to an approved plan writes nothing.
    before = rows(plan)
    post_editor(comms_client, "acme", {"plan-title": "Sneaky", "plan-version": "3"})
    assert rows(plan) == before
    page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Approved and read-only" in page and 'name="plan-title"' not in page

    assert comms_client.post(reverse("strategy:revise", args=["acme"])).status_code == 302
    draft = StrategyPlan.objects.get(revision=2)
    assert draft.status == "draft" and draft.version == 1
    assert draft.activities.count() == 2 and draft.links.count() == 1
    old = comms_client.get(reverse("strategy:revision", args=["acme", 1])).content.decode()
    assert "Spring plan" in old and "kept as it was" in old
    assert rows(plan) == before


def test_an_approved_revision_keeps_the_name_of_an_owner_removed_since(manager_client, plan):
    """Removing a person (here through the ORM, as the admin does) leaves the current plan's
    activities without an owner, while the approved revision still says who was to do them."""
    plan_submit(plan=plan, user=manager_client.user)
    plan_approve(plan=plan, user=manager_client.user)
    plan_revise(plan=plan, user=manager_client.user)
    StaffMember.objects.get(key="ana").delete()

    old = manager_client.get(reverse("strategy:revision", args=["acme", 1])).content.decode()
    assert 'Ana Ruiz <span class="muted small">(since removed)</span>' in old
    current = plan_page(organization=plan.organization)
    assert current["plan"].revision == 2
    assert [a.owner_label for row in current["channels"] for a in row["activities"]] == ["", ""]
    draft_page = manager_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Ana Ruiz" not in draft_page


def test_a_returned_plan_carries_the_comment_and_is_editable_again(manager_client, plan):
    plan.status = StrategyPlan.Status.SUBMITTED
    plan.save()
    before = stored(plan.organization)
    empty = manager_client.post(
        reverse("strategy:return", args=["acme"]), {"comment": " "}, follow=True
    )
    assert empty.redirect_chain == [(reverse("strategy:plan", args=["acme"]), 302)]
    assert shown_messages(empty) == ["Not returned: say what should change."]
    assert stored(plan.organization) == before
    manager_client.post(reverse("strategy:return", args=["acme"]), {"comment": "Add polls."})
    plan.refresh_from_db()
    assert plan.status == "returned" and plan.review_comment == "Add polls."
    page = manager_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Add polls." in page and "Save plan" in page


# Lifecycle steps the plan's state does not allow: refused with the reason, nothing written.


def step(client, name: str, data=None):
    """Post one lifecycle step and follow it back to the plan page."""
    response = client.post(reverse(f"strategy:{name}", args=["acme"]), data or {}, follow=True)
    assert response.redirect_chain == [(reverse("strategy:plan", args=["acme"]), 302)]
    return response


@pytest.mark.parametrize("status", ["submitted", "approved"])
def test_submitting_a_plan_that_is_not_a_draft_or_returned_is_refused(comms_client, plan, status):
    plan.status = status
    plan.save()
    before = stored(plan.organization)

    response = step(comms_client, "submit", {"version": "1"})

    assert shown_messages(response) == [
        f"Not done: The plan is {status}; this step needs it draft or returned."
    ]
    assert stored(plan.organization) == before


def test_submitting_an_older_version_is_refused_naming_who_changed_it(comms_client, plan):
    bo = UserFactory(email="bo@example.org", username="bo@example.org")
    plan_submit(plan=plan, user=bo)
    plan_return(plan=plan, user=bo, comment="Add polls.")
    before = stored(plan.organization)

    response = step(comms_client, "submit", {"version": "1"})

    assert shown_messages(response) == [
        "Not done: bo@example.org changed the plan since you opened it (now version 3)."
    ]
    assert stored(plan.organization) == before


@pytest.mark.parametrize("status", ["draft", "returned", "approved"])
@pytest.mark.parametrize(
    ("name", "data"),
    [("approve", {}), ("return", {"comment": "Add polls."})],
    ids=["approve", "return"],
)
def test_approving_or_returning_a_plan_that_is_not_submitted_is_refused(
    manager_client, plan, status, name, data
):
    plan.status = status
    plan.save()
    before = stored(plan.organization)

    response = step(manager_client, name, data)

    assert shown_messages(response) == [
        f"Not done: The plan is {status}; this step needs it submitted."
    ]
    assert stored(plan.organization) == before


@pytest.mark.parametrize("status", ["draft", "submitted", "returned"])
def test_revising_a_plan_that_is_not_approved_is_refused(comms_client, plan, status):
    plan.status = status
    plan.save()
    before = stored(plan.organization)

    response = step(comms_client, "revise")

    assert shown_messages(response) == [
        "Not done: Only an approved plan is revised; edit the draft instead."
    ]
    assert stored(plan.organization) == before


@pytest.mark.parametrize("name", ["submit", "approve", "return", "revise"])
def test_a_lifecycle_step_without_a_plan_answers_404(manager_client, organization, name):
    response = manager_client.post(reverse(f"strategy:{name}", args=["acme"]), {"comment": "x"})
    assert response.status_code == 404
    assert not StrategyPlan.objects.exists() and not ChangeRecord.objects.exists()


@pytest.mark.parametrize(
    ("name", "allowed_from"),
    [
        ("submit", "draft"),
        ("approve", "submitted"),
        ("return", "submitted"),
        ("revise", "approved"),
    ],
)
def test_a_lifecycle_step_is_never_taken_by_a_get(manager_client, plan, name, allowed_from):
    """Even from the state the step allows: a link followed or prefetched changes nothing."""
    plan.status = allowed_from
    plan.save()
    before = stored(plan.organization)
    assert manager_client.get(reverse(f"strategy:{name}", args=["acme"])).status_code == 405
    assert stored(plan.organization) == before


def test_an_organization_without_a_plan_starts_one(comms_client, organization):
    page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Start the plan" in page
    bad = comms_client.post(
        reverse("strategy:start", args=["acme"]),
        {"title": "H1", "period_start": "2027-06-30", "period_end": "2027-01-01"},
    )
    assert "cannot end before it starts" in bad.content.decode()
    assert 'value="H1"' in bad.content.decode() and not StrategyPlan.objects.exists()
    comms_client.post(
        reverse("strategy:start", args=["acme"]),
        {"title": "H1", "period_start": "2027-01-01", "period_end": "2027-06-30"},
    )
    assert StrategyPlan.objects.get().title == "H1"


def test_starting_a_plan_when_there_is_one_changes_nothing(comms_client, plan):
    before = stored(plan.organization)
    response = comms_client.post(
        reverse("strategy:start", args=["acme"]),
        {"title": "Another", "period_start": "2027-01-01", "period_end": "2027-06-30"},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("strategy:plan", args=["acme"])
    assert stored(plan.organization) == before


def test_a_revision_that_does_not_exist_answers_404(comms_client, plan):
    assert comms_client.get(reverse("strategy:revision", args=["acme", 1])).status_code == 200
    assert comms_client.get(reverse("strategy:revision", args=["acme", 2])).status_code == 404


def test_download_gives_the_plan_file(comms_client, plan):
    response = comms_client.get(reverse("strategy:download", args=["acme"]))
    assert response["Content-Disposition"] == 'attachment; filename="acme-plan-r1.json"'
    assert json.loads(response.content) == plan_document(organization=plan.organization)


def upload(client, document_or_bytes):
    raw = (
        document_or_bytes
        if isinstance(document_or_bytes, bytes)
        else json.dumps(document_or_bytes).encode()
    )
    return client.post(
        reverse("strategy:upload", args=["acme"]),
        {"file": SimpleUploadedFile("plan.json", raw, content_type="application/json")},
    )


def test_a_bad_upload_lists_every_problem_by_place_and_writes_nothing(comms_client, plan):
    document = plan_document(organization=plan.organization)
    document["channels"][0]["platform"] = "myspace"
    document["activities"][0]["per_week"] = -1
    before = rows(plan)
    response = upload(comms_client, document)
    html = response.content.decode()
    assert response.status_code == 400
    assert "channels[0].platform: &#x27;myspace&#x27; is not a platform" in html
    assert "activities[0].per_week" in html and "nothing changed" in html
    assert rows(plan) == before


def test_an_upload_for_another_organization_is_refused(comms_client, plan):
    document = plan_document(organization=plan.organization)
    document["organization"]["slug"] = "rival"
    response = upload(comms_client, document)
    assert "this file is for &#x27;rival&#x27;" in response.content.decode()
    assert not StrategyPlan.objects.exclude(organization=plan.organization).exists()


def test_invalid_json_upload_says_where(comms_client, plan):
    before = rows(plan)
    response = upload(comms_client, b'{"format": 1,')
    assert response.status_code == 400
    assert (
        "line 1, column 14: not valid JSON (Expecting property name enclosed in double quotes)"
        in response.content.decode()
    )
    assert rows(plan) == before


def test_a_good_upload_is_imported_and_recorded(comms_client, plan):
    document = plan_document(organization=plan.organization)
    document["plan"]["title"] = "Uploaded title"
    assert upload(comms_client, document).status_code == 302
    plan.refresh_from_db()
    assert plan.title == "Uploaded title"
    assert ChangeRecord.objects.get().summary.startswith("Uploaded a plan file")


def test_a_comms_member_cannot_change_the_thresholds_by_upload(comms_client, plan):
    """The thresholds are the managers' verdict rules: a comms member's file changing them is
    refused, by place, and nothing changes."""
    document = plan_document(organization=plan.organization)
    document["thresholds"] = {"healthy_from": 50}
    before = rows(plan)
    response = upload(comms_client, document)
    assert response.status_code == 400
    assert (
        "thresholds: only a manager changes the audit&#x27;s thresholds, and this file changes "
        "healthy_from." in response.content.decode()
    )
    assert rows(plan) == before
    plan.organization.refresh_from_db()
    assert plan.organization.thresholds == {}


def test_a_manager_changes_the_thresholds_by_upload(manager_client, plan):
    document = plan_document(organization=plan.organization)
    document["thresholds"] = {"healthy_from": 50}
    assert upload(manager_client, document).status_code == 302
    plan.organization.refresh_from_db()
    assert plan.organization.thresholds == {"healthy_from": 50}


def test_live_figures_use_the_unsaved_rows_and_write_nothing(comms_client, plan):
    before = rows(plan)
    data, editor = editor_data(comms_client, "acme")
    tw = plan.organization.channels.get(key="tw")
    new = row_prefix(editor, channel=tw, new=True)
    data.update({f"{new}-kind": "reply", f"{new}-per_week": "3", f"{new}-minutes_each": "5"})
    response = post_editor(comms_client, "acme", data, action="preview", part="figures")
    html = response.content.decode()
    assert response.status_code == 200 and "<html" not in html
    assert 'data-figures-for="tw"' in html and 'data-figures-for="fb"' in html
    # 3 replies a week next to 3 own-work posts: half of the channel's activity is interactive.
    assert "Interactive share 50% aim ≥ 40%" in figures_of(html, "tw")
    assert rows(plan) == before


def test_without_javascript_the_preview_shows_the_page_with_the_unsaved_rows_figures(
    comms_client, plan
):
    """The "Check figures without saving" button posts the whole form: the page comes back
    with what was typed, and figures that count the unsaved rows exactly as a save would."""
    saved_page = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert "Interactive share 0% aim ≥ 40%" in figures_of(saved_page, "tw")
    assert "Hours a week 0.5 h needed" in figures_of(saved_page, "tw")
    before = stored(plan.organization)
    data, editor = editor_data(comms_client, "acme")
    new = row_prefix(editor, channel=plan.organization.channels.get(key="tw"), new=True)
    data.update({f"{new}-kind": "reply", f"{new}-per_week": "3", f"{new}-minutes_each": "5"})

    response = post_editor(comms_client, "acme", data, action="preview")

    html = response.content.decode()
    assert response.status_code == 200 and "<html" in html
    assert shown_messages(response) == [
        "The figures below include your unsaved changes. Save to keep them."
    ]
    # 3 replies a week beside 3 own-work posts: half interactive, 15 more minutes a week.
    assert "Interactive share 50% aim ≥ 40%" in figures_of(html, "tw")
    assert "Hours a week 0.75 h needed" in figures_of(html, "tw")
    assert plan_score_of(html).endswith("/100 with unsaved changes · audits")
    assert f'name="{new}-per_week" value="3"' in html  # what was typed is still in the form
    assert stored(plan.organization) == before

    # The preview showed what saving the same form gives.
    assert post_editor(comms_client, "acme", data).status_code == 302
    after_save = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert figures_of(after_save, "tw") == figures_of(html, "tw")
    assert figures_of(after_save, "fb") == figures_of(html, "fb")
    previewed_score = plan_score_of(html).replace(" with unsaved changes", "")
    assert plan_score_of(after_save) == previewed_score


def test_without_javascript_a_preview_of_an_invalid_form_shows_the_errors_and_writes_nothing(
    comms_client, plan
):
    before = stored(plan.organization)
    data, editor = editor_data(comms_client, "acme")
    data[f"{row_prefix(editor, kind='discussion')}-per_week"] = "lots"

    response = post_editor(comms_client, "acme", data, action="preview")

    assert response.status_code == 200
    assert shown_messages(response) == [
        "Some rows need a fix; nothing was saved, and what you typed is kept."
    ]
    assert "Enter a number." in response.content.decode()
    assert stored(plan.organization) == before


def test_live_figures_of_an_invalid_form_say_so(comms_client, plan):
    data, editor = editor_data(comms_client, "acme")
    data[f"{row_prefix(editor, kind='discussion')}-per_week"] = "lots"
    before = rows(plan)
    response = post_editor(comms_client, "acme", data, action="preview", part="figures")
    assert response.status_code == 422 and response.content == b""
    assert rows(plan) == before


def test_every_editor_field_has_a_label(comms_client, plan):
    """Each control has a name a screen reader says: a <label for> its id, or an aria-label
    (the rows, under their table's column heads). The row templates the script clones too."""
    html = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    controls = re.findall(r'<(?:input|select|textarea)(?![^>]*type="hidden")[^>]*>', html)
    names = {re.search(r'name="([^"]+)"', control).group(1) for control in controls}
    assert {"plan-title", "act-0-kind", "act-0-owner", "link-0-how"} <= names  # the check reaches
    for control in controls:
        if re.search(r'aria-label="[^"]+"', control):
            continue
        element_id = re.search(r'\bid="([^"]+)"', control)
        assert element_id and f'for="{element_id.group(1)}"' in html, control


def make_plan(organization, n_channels, activities_each):
    plan = StrategyPlanFactory(organization=organization)
    person = StaffMemberFactory(organization=organization)
    channels = [
        ChannelFactory(organization=organization, platform="twitter" if i % 2 else "facebook")
        for i in range(n_channels)
    ]
    PlannedActivity.objects.bulk_create(
        PlannedActivity(
            plan=plan,
            channel=channel,
            kind="reply" if j % 2 else "point_to_own_work",
            per_week=Decimal(1),
            minutes_each=5,
            owner=person,
            links_to=channels[(i + 1) % n_channels],
        )
        for i, channel in enumerate(channels)
        for j in range(activities_each)
    )
    ChannelLinkFactory(plan=plan, from_channel=channels[0], to_channel=channels[1])
    return plan


def test_the_plan_page_queries_do_not_grow_with_channels_and_activities(client):
    def queries_for(n_channels, activities_each):
        organization = OrganizationFactory()
        make_plan(organization, n_channels, activities_each)
        user = UserFactory()
        MembershipFactory(user=user, organization=organization)
        client.force_login(user)
        url = reverse("strategy:plan", args=[organization.slug])
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200
        return len(queries)

    small = queries_for(2, 2)
    large = queries_for(20, 15)  # 20 channels, 300 activities
    assert small == large
    assert large <= 25


def _deep(levels: int) -> bytes:
    return ('{"format": 1, "x": ' + "[" * levels + "]" * levels + "}").encode()


@pytest.mark.parametrize(
    "name,raw,says",
    [
        ("nested 10,000 deep", _deep(10_000), "nested more than 10 deep"),
        ("NaN", b'{"format": 1, "thresholds": {"healthy_from": NaN}}', "holds NaN"),
        ("Infinity", b'{"format": 1, "thresholds": {"healthy_from": Infinity}}', "Infinity"),
        ("1e309", b'{"format": 1, "thresholds": {"healthy_from": 1e309}}', "too large"),
        (
            "over 2 MB",
            b'{"format": 1, "plan": "' + b"x" * (2 * 1024 * 1024) + b'"}',
            "at most 2 MB",
        ),
    ],
)
def test_a_hostile_plan_file_is_refused_by_place_with_nothing_written(
    comms_client, plan, name, raw, says
):
    before = rows(plan)
    response = upload(comms_client, raw)
    assert response.status_code == 400, name
    assert says in response.content.decode(), name
    assert rows(plan) == before


@pytest.mark.parametrize(
    "change,says",
    [
        (
            lambda d: d["channels"][0].update(name="Acme\u0000page"),
            "channels[0].name: holds a NUL character",
        ),
        (
            lambda d: d["plan"].update(objectives="x" * 30_000_000),
            "plan.objectives: is too long (30000000 characters; at most 5000)",
        ),
        (
            lambda d: d["channels"].extend(
                {**d["channels"][0], "key": f"c{i}"} for i in range(10_000)
            ),
            "channels: 10002 entries; a plan holds at most 200 channels",
        ),
    ],
    ids=["NUL byte", "30 MB text", "10,000 channels"],
)
def test_hostile_values_are_refused_by_place(plan, change, says):
    """Through the validation the upload and `import_plan` share."""
    document = plan_document(organization=plan.organization)
    change(document)
    assert says in "\n".join(plan_document_errors(document))


@pytest.mark.django_db
def test_the_editor_saves_a_plan_of_50_channels_with_20_activities_each(comms_client, organization):
    """1,000 rows post about 8,000 fields: far above Django's default of 1,000."""
    from audits.tests.plans import plan_with_channels

    plan_with_channels(organization, 50, activities_each=20)
    data, _ = editor_data(comms_client, organization.slug)
    assert len(data) > 8000
    title = [k for k in data if k.endswith("title")][0]
    data[title] = "Saved at full size"
    response = post_editor(comms_client, organization.slug, data)
    assert response.status_code == 302, response.content[:500]
    assert StrategyPlan.objects.get(organization=organization).title == "Saved at full size"
    assert PlannedActivity.objects.filter(plan__organization=organization).count() == 1000


# A large plan: the page grows with the activities alone, and opens one channel at a time.


def editor_page(client, organization, **params) -> str:
    user = UserFactory()
    MembershipFactory(user=user, organization=organization)
    client.force_login(user)
    response = client.get(reverse("strategy:plan", args=[organization.slug]), params)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("sections", ["open", "collapsed"])
def test_the_editor_bytes_per_activity_do_not_grow_with_the_channels(client, monkeypatch, sections):
    """5 channels and 50, 20 activities on each: each activity costs as many bytes in both.
    (Every row once listed every channel in its "Points to", and every person as its owner.)"""
    from audits.tests.plans import plan_with_channels

    monkeypatch.setattr("strategy.forms.OPEN_ALL_UP_TO", 10_000 if sections == "open" else 0)
    per_activity = {}
    for n_channels in (5, 50):
        organization = OrganizationFactory()
        plan_with_channels(organization, n_channels, activities_each=20)
        html = editor_page(client, organization)
        assert html.count('<details class="channel-plan__main" data-section open>') == (
            n_channels if sections == "open" else 0
        )
        per_activity[n_channels] = len(html.encode()) / (n_channels * 20)
    assert per_activity[50] <= 1.2 * per_activity[5], per_activity


def test_the_editor_of_50_channels_and_1000_activities_is_at_most_800_kb(client):
    from audits.tests.plans import plan_with_channels

    organization = OrganizationFactory()
    plan_with_channels(organization, 50, activities_each=20)
    html = editor_page(client, organization)
    assert len(html.encode()) <= 800_000
    # Collapsed, each channel says how many activities it holds; its rows read as text.
    assert html.count('<details class="channel-plan__main" data-section>') == 50
    assert html.count("20 activities</span></summary>") == 50
    assert html.count('<tr data-row="text">') == 1000


def test_a_small_plan_opens_whole_with_each_option_list_once(comms_client, plan):
    """Rows carry their selected option only; the row template lists them all, once."""
    html = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    assert html.count("data-section open>") == 2
    page, template = html.split('<template data-empty-row="act">')
    row = page.split('name="act-0-id"')[1].split("</tr>")[0]
    assert re.findall(r"<option[^>]*>([^<]*)</option>", row) == [
        "Point to own work",
        "Ana Ruiz",
        "—",
    ]
    assert template.count(">Ana Ruiz</option>") == 1 and template.count(">Acme page</option>") == 3
    assert page.count(">Ana Ruiz</option>") == 1  # the row that has her; nowhere else


@pytest.fixture
def large_plan(organization):
    """A plan of 11 channels with 20 activities each: more than opens whole."""
    from audits.tests.plans import plan_with_channels

    plan, channels = plan_with_channels(organization, 11, activities_each=20)
    return plan


def test_a_collapsed_section_posts_row_ids_alone_and_keeps_every_row(comms_client, large_plan):
    """A browser without JavaScript posts the page as it came: a collapsed section's rows send
    their ids alone, and saving keeps every row as it was (no change, no new version)."""
    from strategy.tests.editor import form_fields

    before = rows(large_plan)
    html = comms_client.get(reverse("strategy:plan", args=["acme"])).content.decode()
    data = form_fields(html)
    assert "act-0-id" in data and "act-0-kind" not in data
    data["plan-title"] = "Renamed without opening a channel"
    assert post_editor(comms_client, "acme", data).status_code == 302
    after = rows(large_plan)
    assert after[1] == "Renamed without opening a channel" and after[0] == before[0] + 1
    assert after[2:] == before[2:]


def test_without_javascript_one_section_lists_every_choice_to_edit_it(comms_client, large_plan):
    from strategy.tests.editor import form_fields

    channel = large_plan.organization.channels.get(key="c3")
    other = large_plan.organization.channels.get(key="c4")
    html = comms_client.get(
        reverse("strategy:plan", args=["acme"]), {"edit": "channel-c3"}
    ).content.decode()
    assert html.count("data-section open>") == 1
    section = html.split('id="channel-c3"')[1].split("</section>")[0]
    assert "data-choices" not in section and section.count(f">{other.name}</option>") == 21
    data = form_fields(html)
    first = large_plan.activities.filter(channel=channel).order_by("id").first()
    prefix = next(k for k, v in data.items() if k.endswith("-id") and v == str(first.pk))[:-3]
    data[f"{prefix}-links_to"] = str(other.pk)
    data[f"{prefix}-per_week"] = "2.5"
    before = rows(large_plan)
    assert post_editor(comms_client, "acme", data).status_code == 302
    first.refresh_from_db()
    assert first.links_to == other and first.per_week == Decimal("2.5")
    changed = [a for a in rows(large_plan)[2] if a not in before[2]]
    assert [a["id"] for a in changed] == [first.pk]


def test_an_error_opens_its_section_and_keeps_what_was_typed_in_a_large_plan(
    comms_client, large_plan
):
    data, editor = editor_data(comms_client, "acme")
    channel = large_plan.organization.channels.get(key="c5")
    prefix = row_prefix(editor, channel=channel)
    data[f"{prefix}-per_week"] = "-1"
    data[f"{prefix}-notes"] = "typed before the error"
    new = row_prefix(editor, channel=large_plan.organization.channels.get(key="c7"), new=True)
    data.update({f"{new}-kind": "poll", f"{new}-per_week": "1", f"{new}-minutes_each": "9"})
    before = rows(large_plan)
    response = post_editor(comms_client, "acme", data)
    html = response.content.decode()
    assert response.status_code == 200 and rows(large_plan) == before
    opened = re.findall(r'id="(channel-[^"]+)"[^>]*>\s*<details[^>]*\bopen>', html)
    assert opened == ["channel-c5", "channel-c7"]  # the error's, and the one with a new row
    section = html.split('id="channel-c5"')[1].split("</section>")[0]
    assert 'value="typed before the error"' in section
    assert "Ensure this value is greater than or equal to 0." in section
    assert f'name="{new}-minutes_each" value="9"' in html


def test_a_stale_save_keeps_the_edit_and_shows_untouched_rows_as_they_now_stand(
    comms_client, large_plan
):
    """Someone else changed a row this person never opened: refused (409), the person's edit
    is kept, and the untouched row shows (and would save) the other person's value."""
    from strategy.tests.editor import form_fields

    html = comms_client.get(
        reverse("strategy:plan", args=["acme"]), {"edit": "channel-c1"}
    ).content.decode()
    mine = form_fields(html)
    c1 = large_plan.activities.filter(channel__key="c1").order_by("id").first()
    prefix = next(k for k, v in mine.items() if k.endswith("-id") and v == str(c1.pk))[:-3]
    mine[f"{prefix}-notes"] = "my note"

    c9 = large_plan.activities.filter(channel__key="c9").order_by("id").first()
    theirs, their_editor = editor_data(comms_client, "acme")
    theirs[f"{row_prefix(their_editor, channel=c9.channel)}-minutes_each"] = "77"
    assert post_editor(comms_client, "acme", theirs).status_code == 302

    response = post_editor(comms_client, "acme", mine)
    html = response.content.decode()
    assert response.status_code == 409
    assert 'value="my note"' in html
    c9_row = html.split(f'value="{c9.pk}">')[1].split("</tr>")[0]
    assert "<td>77</td>" in c9_row
    again = form_fields(html)
    assert post_editor(comms_client, "acme", again).status_code == 302
    c1.refresh_from_db()
    c9.refresh_from_db()
    assert c1.notes == "my note" and c9.minutes_each == 77


def test_the_figures_beside_each_channel_follow_a_rename_and_a_save(comms_client, plan):
    """The figures and rows are kept in the cache with the plan's review: opened again unchanged
    they are not drawn again, and any change made through the app shows at once."""
    from outreach.models import Channel
    from outreach.services import channel_update

    url = reverse("strategy:plan", args=["acme"])
    first = comms_client.get(url).content.decode()
    assert 'aria-label="Audit figures for Acme on X"' in first
    with CaptureQueriesContext(connection) as warm:
        again = comms_client.get(url).content.decode()
    assert again.count("Audit figures for") == first.count("Audit figures for") == 2
    assert not [q for q in warm.captured_queries if "strategy_plannedactivity" in q["sql"]][1:]
    channel_update(
        channel=Channel.objects.get(key="tw"), actor=None, data={"name": "Acme on Bluesky"}
    )
    renamed = comms_client.get(url).content.decode()
    assert 'aria-label="Audit figures for Acme on Bluesky"' in renamed
    # The rows are kept beside the figures: a person renamed shows in the rows' owners too.
    from outreach.services import staff_update

    assert "Ana Ruiz" in renamed
    staff_update(person=StaffMember.objects.get(key="ana"), actor=None, data={"name": "Ana Lee"})
    renamed = comms_client.get(url).content.decode()
    assert "Ana Lee" in renamed and "Ana Ruiz" not in renamed
    data, editor = editor_data(comms_client, "acme")
    prefix = row_prefix(editor, channel=plan.organization.channels.get(key="tw"))
    data[f"{prefix}-per_week"] = "30"  # far past what the person can give: the hours change
    assert post_editor(comms_client, "acme", data).status_code == 302
    saved = comms_client.get(url).content.decode()
    needed = re.compile(r"([\d.]+) h needed")
    assert needed.findall(saved) != needed.findall(renamed)


@pytest.mark.parametrize(
    ("share", "aim", "shown"),
    [
        (0.399, 0.4, "39.9%"),
        (0.3999, 0.4, "39.9%"),
        (0.4, 0.4, "40%"),
        (0.67, 0.4, "67%"),
        (0.2, 0.4, "20%"),
        (None, 0.4, ""),
    ],
)
def test_a_share_short_of_its_aim_never_reads_as_the_aim(share, aim, shown):
    from strategy.templatetags.plan_tags import share_against

    assert share_against(share, aim) == shown


def test_an_implausible_cadence_is_saved_with_a_warning_that_says_why(comms_client, plan):
    """200 a week on a channel two people hold for 2 h: saved (a warning never blocks), said
    beside "Plan saved", and kept in the channel's figures until it changes."""
    from outreach.tests.factories import AssignmentFactory

    tw = plan.organization.channels.get(key="tw")
    AssignmentFactory(channel=tw, hours_per_week=Decimal(2))
    data, editor = editor_data(comms_client, "acme")
    data[f"{row_prefix(editor, channel=tw)}-per_week"] = "200"
    assert post_editor(comms_client, "acme", data).status_code == 302
    response = comms_client.get(reverse("strategy:plan", args=["acme"]))
    said = shown_messages(response)
    assert "Plan saved." in said
    assert [m for m in said if m.startswith("Acme on X: ")] == [
        "Acme on X: 200 items a week with 2 h assigned leaves about 36 seconds for each. "
        "Check “Times a week”, or assign more hours."
    ]
    assert plan.activities.get(channel=tw).per_week == 200
    page = response.content.decode()
    assert "Check: 200 items a week" in figures_of(page, "tw")
    assert "Check:" not in figures_of(page, "fb")
