"""Audits and evidence through the API: a run started answers 202 and is polled to its scores
and findings; an export file uploaded answers 202 and its import is polled; the imported posts
are listed by channel, kind and period; and a plan exported through the API, imported into
another organization, audits to the same scores."""

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from audits.evidence.models import Post
from audits.runs.models import AuditRun, ChannelScore
from audits.runs.services import audit_run_now
from outreach.models import Membership, Organization
from outreach.tests.factories import ChannelFactory, MembershipFactory, OrganizationFactory
from outreach.tests.test_api import api_client, member_api

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "evidence" / "samples"
DEMO_PLAN = Path(__file__).resolve().parents[2] / "strategy" / "demo" / "demo-plan.json"


@pytest.fixture
def comms_api(organization):
    return member_api(organization)


@pytest.fixture
def demo(db):
    """The demo organization's plan, imported through the API into a new organization."""
    organization = OrganizationFactory(slug="harbour", name="Harbour")
    api = member_api(organization, Membership.Role.MANAGER)
    document = json.loads(DEMO_PLAN.read_text(encoding="utf-8"))
    document["organization"]["slug"] = "harbour"
    response = api.put(reverse("api:plan_file", args=["harbour"]), document, format="json")
    assert response.status_code == 200, response.json()
    return organization, api


def test_an_audit_started_answers_202_and_is_polled_to_its_scores_and_findings(
    demo, django_capture_on_commit_callbacks
):
    organization, api = demo
    with django_capture_on_commit_callbacks(execute=True):
        response = api.post(reverse("api:audits", args=["harbour"]))
    assert response.status_code == 202
    poll = reverse("api:audit", args=["harbour", 1])
    assert response["Location"] == poll == response.json()["url"]
    body = api.get(poll).json()
    assert body["status"] == "done" and body["score"] is not None
    assert len(body["scores"]) == ChannelScore.objects.count() > 0
    assert {"channel_key", "overall", "verdict"} <= set(body["scores"][0])
    assert body["findings"] and {"code", "message", "recommendation"} <= set(body["findings"][0])
    listed = api.get(reverse("api:audits", args=["harbour"]), {"status": "done"}).json()
    assert [run["number"] for run in listed["results"]] == [1]


def test_a_run_still_queued_is_polled_as_queued(demo):
    """Outside a commit (the worker takes it later), the run is answered as it stands."""
    organization, api = demo
    response = api.post(reverse("api:audits", args=["harbour"]))
    assert response.status_code == 202 and response.json()["status"] == "queued"
    assert api.get(response["Location"]).json()["scores"] == []


def test_a_plan_exported_and_imported_into_another_organization_audits_the_same(demo):
    """Export through the API, import into a second organization through the API (its slug
    set, the all-or-nothing rule), audit both: the same scores, channel by channel."""
    organization, api = demo
    document = api.get(reverse("api:plan_file", args=["harbour"])).json()
    twin = OrganizationFactory(slug="twin", name="Twin")
    member = member_api(twin, Membership.Role.MANAGER)
    document["organization"]["slug"] = "twin"
    response = member.put(reverse("api:plan_file", args=["twin"]), document, format="json")
    assert response.status_code == 200 and response.json()["changed"] is True
    first = audit_run_now(organization=organization)
    second = audit_run_now(organization=Organization.objects.get(slug="twin"))

    def scores(run):
        return [
            (s.channel_key, s.value, s.interactivity, s.integration, s.resourcing, s.overall)
            for s in ChannelScore.objects.filter(run=run).order_by("channel_key")
        ]

    assert first.status == second.status == AuditRun.Status.DONE
    assert first.score == second.score
    assert scores(first) == scores(second) and scores(first)


@pytest.fixture
def mastodon(organization):
    return ChannelFactory(
        organization=organization, key="ma", platform="mastodon", handle="@acme@social.example"
    )


def _upload(api, django_capture_on_commit_callbacks, name="mastodon_outbox.json", **data):
    file = SimpleUploadedFile(name, (SAMPLES / name).read_bytes())
    with django_capture_on_commit_callbacks(execute=True):
        return api.post(
            reverse("api:evidence_imports", args=["acme"]),
            {"file": file, **data},
            format="multipart",
        )


def test_an_export_file_uploaded_answers_202_and_its_import_is_polled(
    comms_api, mastodon, django_capture_on_commit_callbacks
):
    response = _upload(comms_api, django_capture_on_commit_callbacks, channel="ma")
    assert response.status_code == 202, response.json()
    assert response["Location"] == response.json()["url"]
    body = comms_api.get(response["Location"]).json()
    assert body["status"] == "done" and body["posts_added"] == 7 and body["channel"] == "ma"


def test_a_file_that_is_no_export_is_refused_at_the_file(comms_api, mastodon):
    file = SimpleUploadedFile("notes.txt", b"just some notes\n")
    response = comms_api.post(
        reverse("api:evidence_imports", args=["acme"]), {"file": file}, format="multipart"
    )
    assert response.status_code == 400
    assert list(response.json()) == ["file"]
    assert "this is not an export the planner reads" in response.json()["file"][0]


def test_posts_are_listed_per_channel_by_kind_and_period(
    comms_api, mastodon, django_capture_on_commit_callbacks
):
    _upload(comms_api, django_capture_on_commit_callbacks)
    everything = comms_api.get(reverse("api:channel_posts", args=["acme", "ma"])).json()
    assert everything["count"] == 7
    posts = reverse("api:posts", args=["acme"])
    march_4 = comms_api.get(posts, {"since": "2024-03-04", "until": "2024-03-04"}).json()
    on_march_4 = Post.objects.filter(published_at__date="2024-03-04").count()
    assert [p["published_at"][:10] for p in march_4["results"]] == ["2024-03-04"] * on_march_4
    assert 0 < on_march_4 < 7
    reshares = comms_api.get(posts, {"kind": "reshare", "channel": "ma"}).json()["results"]
    assert [p["published_at"][:10] for p in reshares] == ["2024-03-03"]
    wrong = comms_api.get(posts, {"since": "2024-03-05", "until": "2024-03-01"})
    assert wrong.status_code == 400 and list(wrong.json()) == ["until"]


def test_another_member_token_sees_only_their_organizations_runs(demo, organization):
    harbour, _ = demo
    outsider = MembershipFactory(organization=organization).user
    audit_run_now(organization=harbour)
    api = api_client(outsider)
    assert api.get(reverse("api:audit", args=["harbour", 1])).status_code == 404
