"""The API of organizations, channels, staff and assignments, and what every endpoint shares:
tokens, tenancy (another organization's objects answer 404, on every endpoint and method),
roles, pagination, filters, and the browser's own validation messages."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from audits.tests.factories import AuditRunFactory, EvidenceImportFactory
from outreach.models import Assignment, Channel, Membership, StaffMember
from outreach.tests.factories import (
    AssignmentFactory,
    ChannelFactory,
    MembershipFactory,
    OrganizationFactory,
    StaffMemberFactory,
    UserFactory,
)
from outreach.tests.tenancy import kwargs_for, url_patterns_under
from strategy.tests.factories import (
    ChannelLinkFactory,
    PlannedActivityFactory,
    StrategyPlanFactory,
)

pytestmark = pytest.mark.django_db
METHODS = ("get", "post", "put", "patch", "delete")
ORGANIZATION_PREFIX = "api/v1/organizations/<slug:org_slug>/"


def api_client(user) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")
    client.user = user
    return client


def member_api(organization, role=Membership.Role.COMMS) -> APIClient:
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=role)
    return api_client(user)


@pytest.fixture
def comms_api(organization):
    return member_api(organization)


@pytest.fixture
def manager_api(organization):
    return member_api(organization, Membership.Role.MANAGER)


API_URLS = url_patterns_under(ORGANIZATION_PREFIX)


@pytest.fixture
def rival_objects(db):
    """One of everything, in another organization, to aim the API's URLs at."""
    rival = OrganizationFactory(slug="rival")
    channel = ChannelFactory(organization=rival, key="rival-tw")
    other = ChannelFactory(organization=rival, key="rival-fb", platform="facebook")
    assignment = AssignmentFactory(channel=channel, staff__organization=rival, staff__key="rv")
    # A revision number and a run number one's own organization does not have.
    plan = StrategyPlanFactory(organization=rival, revision=7)
    activity = PlannedActivityFactory(plan=plan, channel=channel)
    link = ChannelLinkFactory(plan=plan, from_channel=channel, to_channel=other)
    run = AuditRunFactory(organization=rival, number=7)
    evidence = EvidenceImportFactory(organization=rival, channel=channel)
    return {
        "channel_key": channel.key,
        "staff_key": assignment.staff.key,
        "assignment_id": assignment.pk,
        "activity_id": activity.pk,
        "link_id": link.pk,
        "revision": plan.revision,
        "number": run.number,
        "import_id": evidence.pk,
    }


def test_the_walk_finds_every_part_of_the_api():
    names = {name for name, _ in API_URLS}
    assert {"api:channels", "api:plan", "api:plan_activity", "api:audits", "api:posts"} <= names
    assert {"api:evidence_import", "api:plan_file", "api:assignment"} <= names


@pytest.mark.parametrize("name,kwarg_names", API_URLS, ids=[n for n, _ in API_URLS])
def test_another_organizations_api_answers_404_to_every_method(
    organization, manager_api, rival_objects, name, kwarg_names
):
    """The rival organization's slug, whatever the method: 404, as for the pages."""
    url = reverse(name, kwargs=kwargs_for(kwarg_names, "rival", rival_objects))
    for method in METHODS:
        response = getattr(manager_api, method)(url, {}, format="json")
        assert response.status_code == 404, (method, url)


@pytest.mark.parametrize(
    "name,kwarg_names",
    [(n, k) for n, k in API_URLS if set(k) - {"org_slug"}],
    ids=[n for n, k in API_URLS if set(k) - {"org_slug"}],
)
def test_another_organizations_objects_under_ones_own_slug_answer_404_to_every_method(
    organization, manager_api, rival_objects, name, kwarg_names
):
    """Another organization's object addressed through one's own organization: 404 for every
    method, the ones the endpoint lacks included (the object is looked up first)."""
    StrategyPlanFactory(organization=organization)
    url = reverse(name, kwargs=kwargs_for(kwarg_names, organization.slug, rival_objects))
    for method in METHODS:
        response = getattr(manager_api, method)(url, {}, format="json")
        assert response.status_code == 404, (method, url)
    assert Channel.objects.filter(organization__slug="rival").count() == 2
    assert Assignment.objects.filter(channel__organization__slug="rival").count() == 1


def test_another_organizations_channel_named_in_a_body_is_refused(
    organization, comms_api, rival_objects
):
    StaffMemberFactory(organization=organization, key="ana")
    url = reverse("api:assignments", args=[organization.slug])
    response = comms_api.post(
        url, {"channel": "rival-tw", "staff": "ana", "hours_per_week": "2"}, format="json"
    )
    assert response.status_code == 400
    assert response.json() == {
        "channel": ["'rival-tw' is not one of this organization's channels."]
    }


def test_the_organizations_listed_are_the_callers_own(organization, comms_api, other_organization):
    response = comms_api.get(reverse("api:organizations"))
    assert response.status_code == 200
    assert response.json()["results"] == [
        {"slug": "acme", "name": "Acme Learning", "timezone": "Europe/London", "role": "comms"}
    ]


def test_without_a_token_or_session_the_api_answers_401(organization):
    response = APIClient().get(reverse("api:channels", args=[organization.slug]))
    assert response.status_code == 401


def test_the_browsers_session_works_too(comms_client, organization):
    ChannelFactory(organization=organization, key="tw")
    response = comms_client.get(reverse("api:channels", args=[organization.slug]))
    assert response.status_code == 200
    assert [c["key"] for c in response.json()["results"]] == ["tw"]


# Writes, and the browser's words


def test_a_channel_is_added_changed_and_deactivated(organization, comms_api):
    url = reverse("api:channels", args=[organization.slug])
    response = comms_api.post(
        url,
        {"key": "tw", "platform": "twitter", "name": "Acme on X", "handle": "@acme", "follows": 3},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["key"] == "tw" and response.json()["follows"] == 3
    channel_url = reverse("api:channel", args=[organization.slug, "tw"])
    response = comms_api.patch(channel_url, {"audience": "L&D leads"}, format="json")
    assert response.status_code == 200
    channel = Channel.objects.get()
    assert channel.audience == "L&D leads" and channel.name == "Acme on X"
    response = comms_api.post(reverse("api:channel_deactivate", args=[organization.slug, "tw"]))
    assert response.json()["active"] is False


def _browser_errors(client, url, data) -> dict:
    response = client.post(url, data)
    assert response.status_code == 200
    return {name: list(errors) for name, errors in response.context["form"].errors.items()}


@pytest.mark.parametrize(
    "data",
    [
        {"key": "tw", "platform": "mastodon", "name": "Another"},  # a taken key
        {"key": "ma", "platform": "twitter", "name": "Again", "handle": "@ACME"},  # taken handle
        {"key": "bad key", "platform": "myspace", "name": ""},  # the form's own checks
        {"key": "fb", "platform": "mastodon", "name": "F", "presence": "static"},  # the model's
    ],
)
def test_a_refused_channel_gets_the_same_messages_from_the_api_and_the_browser(
    organization, comms_client, comms_api, data
):
    ChannelFactory(organization=organization, key="tw", handle="@acme")
    browser = _browser_errors(comms_client, reverse("outreach:channel_add", args=["acme"]), data)
    response = comms_api.post(reverse("api:channels", args=["acme"]), data, format="json")
    assert response.status_code == 400
    assert response.json() == browser
    assert browser  # something was refused
    assert Channel.objects.count() == 1


def test_a_refused_person_gets_the_same_messages_from_the_api_and_the_browser(
    organization, comms_client, comms_api
):
    StaffMemberFactory(organization=organization, key="ana")
    data = {"key": "ana", "name": "Ana", "capacity_hours": "-1"}
    browser = _browser_errors(comms_client, reverse("outreach:staff_add", args=["acme"]), data)
    response = comms_api.post(reverse("api:staff", args=["acme"]), data, format="json")
    assert response.status_code == 400
    assert response.json() == browser
    assert set(browser) == {"capacity_hours"} or "key" in browser


def test_a_value_of_the_wrong_json_type_is_named(organization, comms_api):
    response = comms_api.post(
        reverse("api:channels", args=["acme"]),
        {"key": ["tw"], "platform": "twitter", "name": "X", "follows": "many"},
        format="json",
    )
    assert response.status_code == 400
    body = response.json()
    assert body["key"] == ["Must be a string."]


def test_staff_and_assignments_through_the_api(organization, comms_api):
    ChannelFactory(organization=organization, key="tw")
    staff_url = reverse("api:staff", args=["acme"])
    person = {"key": "ana", "name": "Ana Ruiz", "capacity_hours": "10"}
    assert comms_api.post(staff_url, person, format="json").status_code == 201
    url = reverse("api:assignments", args=["acme"])
    response = comms_api.post(
        url,
        {"channel": "tw", "staff": "ana", "hours_per_week": "4", "duties": ["post", "respond"]},
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["duties"] == ["post", "respond"]
    assignment_url = reverse("api:assignment", args=["acme", response.json()["id"]])
    response = comms_api.patch(assignment_url, {"backup": True}, format="json")
    assert response.json()["backup"] is True and response.json()["hours_per_week"] == "4.00"
    again = comms_api.post(
        url, {"channel": "tw", "staff": "ana", "hours_per_week": "1"}, format="json"
    )
    assert again.status_code == 400 and "staff" in again.json()
    response = comms_api.delete(reverse("api:person", args=["acme", "ana"]))
    assert response.status_code == 204
    assert not StaffMember.objects.exists() and not Assignment.objects.exists()


# Lists


def test_lists_are_paginated(organization, comms_api):
    for number in range(55):
        StaffMemberFactory(organization=organization, key=f"p{number}")
    response = comms_api.get(reverse("api:staff", args=["acme"]))
    body = response.json()
    assert body["count"] == 55 and len(body["results"]) == 50 and body["next"]
    assert len(comms_api.get(body["next"]).json()["results"]) == 5


def test_channels_and_assignments_filter_by_channel_and_platform(organization, comms_api):
    tw = ChannelFactory(organization=organization, key="tw", platform="twitter")
    fb = ChannelFactory(organization=organization, key="fb", platform="facebook")
    AssignmentFactory(channel=tw, staff__organization=organization)
    AssignmentFactory(channel=fb, staff__organization=organization)
    channels = comms_api.get(reverse("api:channels", args=["acme"]), {"platform": "facebook"})
    assert [c["key"] for c in channels.json()["results"]] == ["fb"]
    url = reverse("api:assignments", args=["acme"])
    assert [a["channel"] for a in comms_api.get(url, {"channel": "tw"}).json()["results"]] == ["tw"]
    by_platform = comms_api.get(url, {"platform": "facebook"}).json()["results"]
    assert [a["channel"] for a in by_platform] == ["fb"]
    wrong = comms_api.get(reverse("api:channels", args=["acme"]), {"platform": "myspace"})
    assert wrong.status_code == 400 and list(wrong.json()) == ["platform"]


# Tokens


def test_drf_create_token_makes_a_token_for_an_email(organization):
    user = UserFactory(email="ana@example.org")
    MembershipFactory(user=user, organization=organization)
    out = io.StringIO()
    call_command("drf_create_token", "ana@example.org", stdout=out)
    key = Token.objects.get(user=user).key
    assert key in out.getvalue()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(reverse("api:channels", args=["acme"])).status_code == 200


def test_a_member_makes_and_revokes_their_token_on_the_token_page(comms_client, organization):
    page = comms_client.get(reverse("api:token"))
    assert page.status_code == 200 and "You have no token." in page.content.decode()
    made = comms_client.post(reverse("api:token"), {"action": "create"})
    key = Token.objects.get(user=comms_client.user).key
    assert made.status_code == 200 and key in made.content.decode()
    assert key not in comms_client.get(reverse("api:token")).content.decode()  # shown once
    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api.get(reverse("api:channels", args=["acme"])).status_code == 200
    comms_client.post(reverse("api:token"), {"action": "revoke"})
    assert not Token.objects.exists()
    assert api.get(reverse("api:channels", args=["acme"])).status_code == 401


def test_the_account_page_links_to_the_token_page(comms_client):
    page = comms_client.get(reverse("accounts:settings"))
    assert reverse("api:token") in page.content.decode()


# The schema and its documentation


def test_the_schema_and_the_docs_are_served_from_the_app(client):
    schema = client.get(reverse("api:schema"), HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert schema.status_code == 200
    assert "/api/v1/organizations/{org_slug}/channels/" in schema.json()["paths"]
    docs = client.get(reverse("api:docs"))
    html = docs.content.decode()
    assert docs.status_code == 200
    assert "drf_spectacular_sidecar/swagger-ui-dist/" in html
    assert "<script>" not in html.replace(" ", "")  # no inline script: the CSP allows none


@pytest.mark.browser
@pytest.mark.services
def test_the_interactive_docs_run_under_the_csp_in_a_browser(page, organization):
    """Swagger UI, from the installed sidecar package, renders the schema's operations in
    Debian's chromium with no console error: no CSP violation, no asset from elsewhere."""
    from outreach.tests.browser_checks import ConsoleWatch

    watch = ConsoleWatch().attach(page)
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    response = page.goto("/api/docs/")
    assert response.status == 200
    assert "script-src 'self'" in response.headers["content-security-policy"]
    page.locator(".opblock").first.wait_for()
    assert page.locator(".opblock").count() >= 30
    assert watch.take() == []
    origin = response.url.removesuffix("/api/docs/")
    assert [url for url in requested if not url.startswith((origin, "data:"))] == []
