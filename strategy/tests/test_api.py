"""The plan's API: read the current plan, edit its activities and links through the editor's
forms and services (same words, same stale-version check), its lifecycle with the roles of the
browser, its revisions, and the plan file (export, all-or-nothing import)."""

import json

import pytest
from django.urls import reverse

from outreach.models import Membership
from outreach.tests.test_api import member_api
from strategy.models import PlannedActivity, StrategyPlan
from strategy.tests.editor import editor_data, post_editor, row_prefix
from strategy.tests.factories import (
    spring_plan,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(organization):
    return spring_plan(organization)


@pytest.fixture
def comms_api(organization):
    return member_api(organization)


@pytest.fixture
def manager_api(organization):
    return member_api(organization, Membership.Role.MANAGER)


def url(name, *args):
    return reverse(f"api:{name}", args=["acme", *args])


def test_the_current_plan_comes_with_its_activities_and_links(plan, comms_api):
    body = comms_api.get(url("plan")).json()
    assert body["title"] == "Spring plan" and body["status"] == "draft"
    assert [(a["channel"], a["kind"], a["owner"]) for a in body["activities"]] == [
        ("tw", "point_to_own_work", "ana"),
        ("fb", "discussion", None),
    ]
    assert body["links"] == [
        {"id": plan.links.get().pk, "from_channel": "fb", "to_channel": "tw", "how": "profile_link"}
    ]


def test_activities_are_added_changed_and_removed_each_as_a_new_version(plan, comms_api):
    response = comms_api.post(
        url("plan_activities"),
        {"channel": "tw", "kind": "reply", "per_week": "5", "minutes_each": 2, "links_to": "fb"},
        format="json",
    )
    assert response.status_code == 201, response.json()
    activity_id = response.json()["id"]
    plan.refresh_from_db()
    assert plan.version == 2
    response = comms_api.patch(
        url("plan_activity", activity_id), {"per_week": 7, "version": 2}, format="json"
    )
    assert response.status_code == 200 and response.json()["per_week"] == "7.00"
    assert response.json()["links_to"] == "fb"
    response = comms_api.delete(url("plan_activity", activity_id) + "?version=3")
    assert response.status_code == 204
    assert not PlannedActivity.objects.filter(pk=activity_id).exists()


def test_a_change_based_on_an_old_version_is_refused_409(plan, comms_api):
    activity = plan.activities.first()
    comms_api.patch(url("plan_activity", activity.pk), {"notes": "first"}, format="json")
    response = comms_api.patch(
        url("plan_activity", activity.pk), {"notes": "second", "version": 1}, format="json"
    )
    assert response.status_code == 409
    assert "changed the plan since you opened it (now version 2)" in response.json()["detail"]
    activity.refresh_from_db()
    assert activity.notes == "first"


def test_a_negative_per_week_gets_the_same_message_from_the_api_and_the_editor(
    plan, comms_api, comms_client
):
    data, editor = editor_data(comms_client, "acme")
    data[f"{row_prefix(editor, kind='point_to_own_work')}-per_week"] = "-3"
    response = post_editor(comms_client, "acme", data)
    browser = [form.errors for form in response.context["editor"].activities.forms if form.errors]
    assert len(browser) == 1
    activity = plan.activities.get(kind="point_to_own_work")
    api = comms_api.patch(url("plan_activity", activity.pk), {"per_week": "-3"}, format="json")
    assert api.status_code == 400
    assert api.json() == {name: list(errors) for name, errors in browser[0].items()}
    assert api.json() == {"per_week": ["Ensure this value is greater than or equal to 0."]}
    new = comms_api.post(
        url("plan_activities"),
        {"channel": "tw", "kind": "reply", "per_week": -1, "minutes_each": 2},
        format="json",
    )
    assert new.json() == api.json()


def test_a_link_twice_and_a_link_to_itself_are_refused_in_the_editors_words(plan, comms_api):
    twice = comms_api.post(
        url("plan_links"),
        {"from_channel": "fb", "to_channel": "tw", "how": "profile_link"},
        format="json",
    )
    assert twice.status_code == 400
    assert twice.json() == {"non_field_errors": ["This link is listed twice."]}
    itself = comms_api.post(
        url("plan_links"),
        {"from_channel": "tw", "to_channel": "tw", "how": "embed"},
        format="json",
    )
    assert itself.json() == {"to_channel": ["A link joins two different channels."]}


def test_activities_filter_by_channel_platform_and_kind(plan, comms_api):
    def kinds(**query):
        return [a["kind"] for a in comms_api.get(url("plan_activities"), query).json()["results"]]

    assert kinds(channel="fb") == ["discussion"]
    assert kinds(platform="twitter") == ["point_to_own_work"]
    assert kinds(kind="discussion") == ["discussion"]


def test_a_comms_member_cannot_approve_or_return_403_a_manager_can(plan, comms_api, manager_api):
    assert comms_api.post(url("plan_submit"), {"version": 1}, format="json").status_code == 200
    assert comms_api.post(url("plan_approve")).status_code == 403
    response = comms_api.post(url("plan_return"), {"comment": "no"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Only the organization's managers can do this."}
    assert StrategyPlan.objects.get().status == "submitted"
    response = manager_api.post(url("plan_approve"))
    assert response.status_code == 200 and response.json()["status"] == "approved"
    edit = comms_api.patch(url("plan"), {"title": "Changed"}, format="json")
    assert edit.status_code == 409 and edit.json() == {"detail": "The plan is approved."}


def test_revisions_are_listed_and_read(plan, comms_api, manager_api):
    plan.status = "approved"
    plan.save()
    assert comms_api.post(url("plan_revise")).json()["revision"] == 2
    listed = comms_api.get(url("plan_revisions")).json()["results"]
    assert [(r["revision"], r["status"]) for r in listed] == [(2, "draft"), (1, "approved")]
    first = comms_api.get(url("plan_revision", 1)).json()
    assert first["status"] == "approved" and len(first["activities"]) == 2


def test_a_plan_starts_through_the_api_with_the_start_forms_checks(organization, comms_api):
    bad = comms_api.post(
        url("plan"),
        {"title": "", "period_start": "2027-06-30", "period_end": "2027-01-01"},
        format="json",
    )
    assert bad.status_code == 400 and set(bad.json()) >= {"title", "period_end"}
    good = comms_api.post(
        url("plan"),
        {"title": "H1", "period_start": "2027-01-01", "period_end": "2027-06-30"},
        format="json",
    )
    assert good.status_code == 201 and good.json()["version"] == 1


def test_the_plan_file_is_exported_and_imported_all_or_nothing(plan, comms_api):
    document = comms_api.get(url("plan_file")).json()
    assert document["organization"]["slug"] == "acme" and len(document["activities"]) == 2
    unchanged = comms_api.put(url("plan_file"), document, format="json")
    assert unchanged.status_code == 200 and unchanged.json()["changed"] is False
    document["plan"]["title"] = "Renamed"
    document["activities"][0]["per_week"] = -1
    document["channels"][0]["platform"] = "myspace"
    refused = comms_api.put(url("plan_file"), document, format="json")
    assert refused.status_code == 400
    errors = refused.json()["errors"]
    assert any(e.startswith("channels[0].platform") for e in errors)
    assert any(e.startswith("activities[0].per_week") for e in errors)
    assert StrategyPlan.objects.get().title == "Spring plan"  # nothing written
    document["activities"][0]["per_week"] = 2
    document["channels"][0]["platform"] = "twitter"
    imported = comms_api.put(url("plan_file"), document, format="json")
    assert imported.status_code == 200 and imported.json()["changed"] is True
    assert imported.json()["plan"]["title"] == "Renamed"


def test_a_plan_file_for_another_organization_is_refused(plan, comms_api):
    document = comms_api.get(url("plan_file")).json()
    document["organization"]["slug"] = "rival"
    refused = comms_api.put(url("plan_file"), json.dumps(document), content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["errors"][0].startswith("organization.slug: this file is for 'rival'")
