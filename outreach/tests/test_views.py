"""The pages: logging in, finding one's way, and editing channels, staff and members."""

import re
from html import unescape
from html.parser import HTMLParser

import pytest
from django.contrib.auth import get_user_model
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from outreach.models import Assignment, ChangeRecord, Channel, Membership, StaffMember
from outreach.tests.factories import (
    AssignmentFactory,
    ChannelFactory,
    MembershipFactory,
    StaffMemberFactory,
)


@pytest.mark.django_db
def test_login_page_has_labelled_fields(client):
    page = client.get(reverse("login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert '<label for="id_username">Email</label>' in html
    assert '<label for="id_password">Password</label>' in html


@pytest.mark.django_db
def test_logging_in_leads_to_the_only_organization(client, organization):
    from outreach.services import member_add

    member_add(
        organization=organization, email="ana@example.org", role="comms", password="a-long-password"
    )
    response = client.post(
        reverse("login"),
        {"username": "ana@example.org", "password": "a-long-password"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == reverse("strategy:plan", args=["acme"])
    assert b"Acme Learning" in response.content


@pytest.mark.django_db
def test_wrong_password_says_so_and_keeps_the_email(client, organization):
    response = client.post(reverse("login"), {"username": "ana@example.org", "password": "x"})
    assert response.status_code == 200
    assert b"correct" in response.content  # Django's "Please enter a correct ..." message
    assert b'value="ana@example.org"' in response.content


@pytest.mark.django_db
def test_staff_page_flags_people_over_capacity(comms_client, organization):
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz", capacity_hours=2)
    AssignmentFactory(
        staff=person, channel=ChannelFactory(organization=organization), hours_per_week=3
    )
    page = comms_client.get(reverse("outreach:staff", args=["acme"]))
    assert b"Ana Ruiz" in page.content and b"over capacity" in page.content


@pytest.mark.django_db
def test_channel_page_shows_who_holds_it(comms_client, organization):
    channel = ChannelFactory(organization=organization, key="tw", name="Acme on X")
    AssignmentFactory(channel=channel, staff__name="Bo Lee", backup=True)
    page = comms_client.get(reverse("outreach:channel", args=["acme", "tw"]))
    assert b"Acme on X" in page.content and b"Bo Lee" in page.content and b"backup" in page.content


# Editing in the browser: helpers


class FormControls(HTMLParser):
    """A page's form controls and the labels that name them, as a screen reader meets them."""

    def __init__(self):
        super().__init__()
        self.label_targets: set[str] = set()
        self.controls: list[tuple[str, bool]] = []  # (id, sits in a fieldset with a legend)
        self.fieldsets: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "fieldset":
            self.fieldsets.append({"legend": False})
        elif tag == "legend" and self.fieldsets:
            self.fieldsets[-1]["legend"] = True
        elif tag == "label" and attrs.get("for"):
            self.label_targets.add(attrs["for"])
        elif tag in ("input", "select", "textarea"):
            if attrs.get("type") in ("hidden", "submit", "button"):
                return
            in_legend_fieldset = any(f["legend"] for f in self.fieldsets)
            self.controls.append((attrs.get("id") or "", in_legend_fieldset))

    def handle_endtag(self, tag):
        if tag == "fieldset" and self.fieldsets:
            self.fieldsets.pop()


def unlabelled_controls(html: str) -> list[str]:
    page = FormControls()
    page.feed(html)
    return [
        control or "(no id)"
        for control, in_fieldset in page.controls
        if control not in page.label_targets and not in_fieldset
    ]


def field_errors(response, name: str) -> list[str]:
    """The error messages shown next to the field `name` (templates/forms/field.html)."""
    match = re.search(
        rf'<ul class="errorlist" id="id_{name}_errors">(.*?)</ul>', response.content.decode(), re.S
    )
    return [unescape(m) for m in re.findall(r"<li>(.*?)</li>", match.group(1))] if match else []


def page_text(response) -> str:
    return unescape(response.content.decode())


def url(name, *args):
    return reverse(f"outreach:{name}", args=["acme", *args])


CHANNEL_POST = {
    "key": "tw",
    "platform": "twitter",
    "name": "Acme on X",
    "handle": "@acme",
    "identity": "Acme",
    "objective": "thought_leadership",
    "audience": "L&D leads",
    "presence": "",
    "follows": "240",
    "response_target_hours": "4",
}


# Channels


@pytest.mark.django_db
def test_add_channel_then_see_it(comms_client, organization):
    page = comms_client.get(url("channels"))
    assert url("channel_add").encode() in page.content  # the "Add channel" button
    response = comms_client.post(url("channel_add"), CHANNEL_POST, follow=True)
    assert response.redirect_chain == [(url("channel", "tw"), 302)]
    assert "Added the channel Acme on X." in page_text(response)
    channel = Channel.objects.get()
    assert (channel.organization, channel.follows, channel.response_target_hours) == (
        organization,
        240,
        4,
    )
    record = ChangeRecord.objects.get()
    assert record.summary == "Added channel Acme on X (X / Twitter)"
    assert record.actor == comms_client.user


@pytest.mark.django_db
def test_a_taken_key_is_said_at_the_key_and_keeps_the_input(comms_client, organization):
    ChannelFactory(organization=organization, key="tw")
    response = comms_client.post(url("channel_add"), {**CHANNEL_POST, "audience": "Typed by me"})
    assert response.status_code == 200
    assert field_errors(response, "key") == [
        "Another channel of Acme Learning already has the key 'tw'."
    ]
    assert 'value="Typed by me"' in response.content.decode()
    assert Channel.objects.count() == 1 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_presence_on_a_micro_blog_is_said_at_the_presence_field(comms_client, organization):
    response = comms_client.post(url("channel_add"), {**CHANNEL_POST, "presence": "static"})
    assert response.status_code == 200
    assert field_errors(response, "presence") == [
        "Only community pages (Facebook, LinkedIn) have a presence mode."
    ]
    assert 'value="Acme on X"' in response.content.decode()
    assert '<option value="static" selected>' in response.content.decode()
    assert not Channel.objects.exists()


@pytest.mark.django_db
def test_form_level_errors_keep_the_input(comms_client, organization):
    response = comms_client.post(
        url("channel_add"), {**CHANNEL_POST, "key": "not a slug", "follows": "-3"}
    )
    assert field_errors(response, "key") and field_errors(response, "follows")
    assert 'value="not a slug"' in response.content.decode()
    assert "Some fields need a fix" in page_text(response)


@pytest.mark.django_db
def test_edit_channel_shows_it_and_saves_changes(comms_client, organization):
    channel = ChannelFactory(organization=organization, key="fb", platform="facebook")
    channel.name, channel.handle = "Acme page", ""
    channel.save()
    page = comms_client.get(url("channel_edit", "fb"))
    assert 'value="Acme page"' in page.content.decode()
    data = {
        **CHANNEL_POST,
        "key": "fb",
        "platform": "facebook",
        "name": "Acme page",
        "handle": "",
        "identity": channel.identity,
        "objective": "community",
        "audience": "alumni",
        "presence": "presence",
        "follows": "",
        "response_target_hours": "",
    }
    response = comms_client.post(url("channel_edit", "fb"), data, follow=True)
    assert response.redirect_chain == [(url("channel", "fb"), 302)]
    assert "Saved the changes to Acme page." in page_text(response)
    channel.refresh_from_db()
    assert (channel.objective, channel.audience) == ("community", "alumni")
    assert ChangeRecord.objects.get().summary == "Changed Acme page: objective, audience"


@pytest.mark.django_db
def test_renaming_the_key_leads_to_the_new_address(comms_client, organization):
    ChannelFactory(organization=organization, key="tw", handle="@acme", name="Acme on X")
    data = {**CHANNEL_POST, "key": "x", "identity": "Main brand", "follows": ""}
    data["response_target_hours"] = ""
    response = comms_client.post(url("channel_edit", "tw"), data)
    assert response.url == url("channel", "x")


@pytest.mark.django_db
def test_deactivate_and_reactivate_a_channel(comms_client, organization):
    ChannelFactory(organization=organization, key="tw", handle="@acme", name="Acme on X")
    page = comms_client.get(url("channel", "tw"))
    assert "keeps its history, leaves the audit" in page_text(page)
    assert comms_client.get(url("channel_deactivate", "tw")).status_code == 405
    response = comms_client.post(url("channel_deactivate", "tw"), follow=True)
    assert "the audit leaves it out from now on" in page_text(response)
    assert not Channel.objects.get().active
    listing = comms_client.get(url("channels")).content.decode()
    assert 'class="is-inactive"' in listing
    response = comms_client.post(url("channel_activate", "tw"), follow=True)
    assert "the next audit includes it again" in page_text(response)
    assert Channel.objects.get().active
    assert ChangeRecord.objects.count() == 2


@pytest.mark.django_db
def test_channel_list_shows_active_channels_first(comms_client, organization):
    ChannelFactory(organization=organization, name="Old blog", active=False)
    ChannelFactory(organization=organization, name="Live feed")
    html = comms_client.get(url("channels")).content.decode()
    assert html.index("Live feed") < html.index("Old blog")


# Staff


@pytest.mark.django_db
def test_add_edit_and_remove_a_person(comms_client, organization):
    data = {"key": "ana", "name": "Ana Ruiz", "email": "ana@example.org", "capacity_hours": "10"}
    response = comms_client.post(url("staff_add"), data, follow=True)
    assert response.redirect_chain == [(url("staff"), 302)]
    assert "Added Ana Ruiz to the staff." in page_text(response)
    person = StaffMember.objects.get()
    assert person.organization == organization and person.capacity_hours == 10

    page = comms_client.get(url("staff_edit", "ana"))
    assert 'value="Ana Ruiz"' in page.content.decode()
    response = comms_client.post(url("staff_edit", "ana"), {**data, "capacity_hours": "6"})
    assert response.url == url("staff")
    person.refresh_from_db()
    assert person.capacity_hours == 6

    channel = ChannelFactory(organization=organization)
    AssignmentFactory(staff=person, channel=channel)
    page = comms_client.get(url("staff_edit", "ana"))
    assert "Remove Ana Ruiz and 1 assignment" in page_text(page)
    assert comms_client.get(url("staff_remove", "ana")).status_code == 405
    response = comms_client.post(url("staff_remove", "ana"), follow=True)
    assert "Removed Ana Ruiz and 1 assignment;" in page_text(response)
    assert not StaffMember.objects.exists() and not Assignment.objects.exists()
    assert [r.summary for r in ChangeRecord.objects.order_by("id")] == [
        "Added Ana Ruiz to the staff, 10 h a week",
        "Changed Ana Ruiz: capacity hours",
        "Removed Ana Ruiz from the staff, with 1 assignment",
    ]


@pytest.mark.django_db
def test_a_taken_staff_key_is_said_at_the_key(comms_client, organization):
    StaffMemberFactory(organization=organization, key="ana")
    data = {"key": "ana", "name": "Ana Two", "email": "", "capacity_hours": "-1"}
    response = comms_client.post(url("staff_add"), data)
    assert field_errors(response, "key") == [
        "Another person of Acme Learning already has the key 'ana'."
    ]
    assert field_errors(response, "capacity_hours")
    assert 'value="Ana Two"' in response.content.decode()
    assert StaffMember.objects.count() == 1


# Assignments


@pytest.mark.django_db
def test_assign_edit_and_unassign_a_person(comms_client, organization):
    ChannelFactory(organization=organization, key="tw", handle="@acme", name="Acme on X")
    person = StaffMemberFactory(organization=organization, name="Ana Ruiz")
    page = comms_client.get(url("channel", "tw"))
    assert url("assignment_add", "tw").encode() in page.content
    data = {"staff": person.pk, "hours_per_week": "4", "duties": ["post", "respond"]}
    response = comms_client.post(url("assignment_add", "tw"), data, follow=True)
    assert response.redirect_chain == [(url("channel", "tw"), 302)]
    assert "Assigned Ana Ruiz to Acme on X." in page_text(response)
    assignment = Assignment.objects.get()
    assert assignment.duties == ["post", "respond"] and not assignment.backup
    assert url("assignment_edit", assignment.pk).encode() in response.content

    page = comms_client.get(url("assignment_edit", assignment.pk))
    assert re.search(r'value="post"[^>]*checked', page.content.decode())
    data = {"hours_per_week": "5", "duties": ["moderate"], "backup": "on"}
    response = comms_client.post(url("assignment_edit", assignment.pk), data)
    assert response.url == url("channel", "tw")
    assignment.refresh_from_db()
    assert (assignment.hours_per_week, assignment.duties, assignment.backup) == (
        5,
        ["moderate"],
        True,
    )

    assert comms_client.get(url("assignment_remove", assignment.pk)).status_code == 405
    response = comms_client.post(url("assignment_remove", assignment.pk), follow=True)
    assert "Ana Ruiz no longer works on Acme on X." in page_text(response)
    assert not Assignment.objects.exists() and StaffMember.objects.exists()
    assert [r.summary for r in ChangeRecord.objects.order_by("id")] == [
        "Assigned Ana Ruiz to Acme on X, 4 h a week (post, respond)",
        "Changed Ana Ruiz on Acme on X to 5 h a week (moderate; backup)",
        "Unassigned Ana Ruiz from Acme on X",
    ]


@pytest.mark.django_db
def test_another_organizations_person_cannot_be_forged_into_an_assignment(
    comms_client, organization, other_organization
):
    ChannelFactory(organization=organization, key="tw")
    StaffMemberFactory(organization=organization)
    stranger = StaffMemberFactory(organization=other_organization, name="Rival Person")
    data = {"staff": stranger.pk, "hours_per_week": "4"}
    response = comms_client.post(url("assignment_add", "tw"), data)
    assert response.status_code == 200
    assert field_errors(response, "staff") == [
        f"Select a valid choice. {stranger.pk} is not one of the available choices."
    ]
    assert "Rival Person" not in page_text(response)
    assert not Assignment.objects.exists() and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_assigning_the_same_person_twice_is_a_form_error(comms_client, organization):
    existing = AssignmentFactory(
        channel__organization=organization, channel__key="tw", staff__name="Ana Ruiz"
    )
    data = {"staff": existing.staff.pk, "hours_per_week": "7.5"}
    response = comms_client.post(url("assignment_add", "tw"), data)
    assert field_errors(response, "staff") == [
        f"Ana Ruiz is already assigned to {existing.channel}; edit that assignment instead."
    ]
    assert 'value="7.5"' in response.content.decode()
    assert Assignment.objects.count() == 1


# Members


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["get", "post"])
def test_comms_members_cannot_manage_members(comms_client, organization, method):
    other = MembershipFactory(organization=organization, role="manager")
    page = comms_client.get(url("members"))
    assert page.status_code == 200 and other.user.email in page_text(page)
    assert url("member_add").encode() not in page.content
    for target in [url("member_add"), url("member_role", other.pk), url("member_remove", other.pk)]:
        assert getattr(comms_client, method)(target).status_code == 403, target
    assert Membership.objects.count() == 2 and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_manager_invites_a_member_and_nobody_types_a_password(manager_client, organization):
    page = manager_client.get(url("member_add")).content.decode()
    assert 'type="password"' not in page
    data = {"email": "New@Example.org", "role": "comms"}
    response = manager_client.post(url("member_add"), data, follow=True)
    assert response.redirect_chain == [(url("members"), 302)]
    assert "Invited new@example.org as comms staff" in page_text(response)
    assert not get_user_model().objects.filter(username="new@example.org").exists()
    assert ChangeRecord.objects.get().summary == "Invited new@example.org as Comms staff"


def _member_add_answer(client, data: dict, email: str) -> tuple:
    """What the manager sees when inviting `email`: the statuses, where they led and the last
    page's HTML with the address replaced. Written inside a transaction that is rolled back, so
    that two answers are compared against the same database."""
    with transaction.atomic():
        response = client.post(url("member_add"), {**data, "email": email}, follow=True)
        transaction.set_rollback(True)
    html = response.content.decode().replace(email, "EMAIL")
    # What differs between any two responses: the masked CSRF token and the CSP nonce.
    html = re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1", html)
    # And the new invitation's id and time: PostgreSQL does not give back ids of a rolled-back
    # insert, and a minute may turn between the two.
    html = re.sub(r"/invitations/\d+/", "/invitations/ID/", html)
    html = re.sub(r"\d\d:\d\d", "HH:MM", html)
    return response.status_code, response.redirect_chain, html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [{"role": "comms"}, {"role": "manager"}, {"role": "owner"}],
    ids=["comms", "manager", "no such role"],
)
def test_inviting_an_address_with_a_login_elsewhere_looks_like_inviting_a_new_one(
    manager_client, organization, other_organization, data
):
    """A manager learns nothing about accounts outside their organization: the page answers
    an address with a login in another organization exactly as it answers a new address."""
    elsewhere = MembershipFactory(organization=other_organization, user__email="ana@example.org")
    known = _member_add_answer(manager_client, data, "ana@example.org")
    new = _member_add_answer(manager_client, data, "bo@example.org")
    assert known == new
    status, _, html = known
    assert status == 200
    assert other_organization.name not in html and "/o/rival/" not in html
    if data["role"] == "owner":
        assert 'id="id_role_errors"' in html
    else:
        assert "Invited EMAIL as" in html
    elsewhere.user.refresh_from_db()
    assert elsewhere.user.check_password("pass-word-123")  # UserFactory's, unchanged


@pytest.mark.django_db
def test_a_member_of_this_organization_is_refused_by_name(manager_client, organization):
    MembershipFactory(organization=organization, user__email="ana@example.org")
    data = {"email": "ana@example.org", "role": "manager"}
    response = manager_client.post(url("member_add"), data)
    assert field_errors(response, "email") == [
        "ana@example.org is already a member of Acme Learning."
    ]


@pytest.mark.django_db
def test_manager_changes_a_role(manager_client, organization):
    ana = MembershipFactory(organization=organization, role="comms", user__email="ana@ex.org")
    page = manager_client.get(url("member_role", ana.pk))
    assert re.search(r'value="comms"[^>]*checked', page.content.decode())
    response = manager_client.post(url("member_role", ana.pk), {"role": "manager"}, follow=True)
    assert "ana@ex.org is now manager." in page_text(response)
    ana.refresh_from_db()
    assert ana.is_manager
    assert ChangeRecord.objects.get().summary == "Changed ana@ex.org's role to Manager"


@pytest.mark.django_db
def test_the_last_manager_cannot_step_down(manager_client, organization):
    me = Membership.objects.get(user=manager_client.user)
    response = manager_client.post(url("member_role", me.pk), {"role": "comms"})
    assert response.status_code == 200
    assert "is the only manager of Acme Learning" in field_errors(response, "role")[0]
    me.refresh_from_db()
    assert me.is_manager and not ChangeRecord.objects.exists()


@pytest.mark.django_db
def test_manager_removes_a_member_but_not_themselves(manager_client, organization):
    ana = MembershipFactory(organization=organization, role="comms", user__email="ana@ex.org")
    me = Membership.objects.get(user=manager_client.user)
    page = manager_client.get(url("members"))
    assert url("member_remove", ana.pk).encode() in page.content
    assert url("member_remove", me.pk).encode() not in page.content  # no button for oneself
    assert manager_client.get(url("member_remove", ana.pk)).status_code == 405
    response = manager_client.post(url("member_remove", ana.pk), follow=True)
    assert "Removed ana@ex.org from Acme Learning" in page_text(response)
    assert not Membership.objects.filter(pk=ana.pk).exists()

    response = manager_client.post(url("member_remove", me.pk), follow=True)
    assert "You cannot remove yourself; another manager of the organization can." in page_text(
        response
    )
    assert Membership.objects.filter(pk=me.pk).exists()
    assert ChangeRecord.objects.count() == 1


@pytest.mark.django_db
def test_a_removed_member_is_logged_out_everywhere_at_once(
    manager_client, organization, other_organization
):
    """Removed from one organization, the person's every session ends, in every browser and
    for their other organizations too; they log in again where they still belong. The sessions
    are deleted by key: no other session is read."""
    ana = MembershipFactory(organization=organization, user__email="ana@example.org")
    MembershipFactory(organization=other_organization, user=ana.user)
    browsers = [Client(), Client()]
    for browser in browsers:
        login = {"username": "ana@example.org", "password": PASSWORD}
        assert browser.post(reverse("login"), login).status_code == 302
    elsewhere = reverse("outreach:channels", args=[other_organization.slug])
    assert [b.get(elsewhere).status_code for b in browsers] == [200, 200]
    bystander = MembershipFactory(organization=organization, user__email="bo@example.org")
    bystander_browser = Client()
    bystander_browser.post(reverse("login"), {"username": "bo@example.org", "password": PASSWORD})

    reset_queries()  # a request empties the log it started with: count from an empty one
    with CaptureQueriesContext(connection) as queries:
        assert manager_client.post(url("member_remove", ana.pk)).status_code == 302
    # Read now: the log is read lazily, and the next request empties it.
    session_queries = [q["sql"] for q in queries if "django_session" in q["sql"]]
    page = manager_client.get(url("members"))
    assert "Removed ana@example.org from Acme Learning and logged them out" in page_text(page)
    for browser in browsers:
        answer = browser.get(elsewhere)
        assert answer.status_code == 302 and answer.url.startswith(reverse("login")), answer
    assert bystander_browser.get(url("members")).status_code == 200
    assert manager_client.get(url("members")).status_code == 200
    # Besides reading the manager's own session, only ana's two, deleted by key: no scan.
    assert all(
        '"django_session"."session_key" ' in sql.partition("WHERE")[2] for sql in session_queries
    )
    assert sum(sql.startswith("DELETE") for sql in session_queries) == 2
    assert bystander.user.login_sessions.count() == 1


# Every form page


def form_pages(organization):
    channel = ChannelFactory(organization=organization, key="tw")
    assignment = AssignmentFactory(channel=channel)
    other = MembershipFactory(organization=organization)
    return [
        url("channel", "tw"),  # carries the "Assign a person" form
        url("channel_add"),
        url("channel_edit", "tw"),
        url("assignment_add", "tw"),
        url("assignment_edit", assignment.pk),
        url("staff"),
        url("staff_add"),
        url("staff_edit", assignment.staff.key),
        url("members"),
        url("member_add"),
        url("member_role", other.pk),
    ]


@pytest.mark.django_db
def test_every_form_control_has_a_visible_label(manager_client, organization):
    for page_url in form_pages(organization):
        response = manager_client.get(page_url)
        assert response.status_code == 200, page_url
        assert unlabelled_controls(response.content.decode()) == [], page_url


@pytest.mark.django_db
def test_every_field_shows_its_error_and_label_when_everything_is_wrong(
    manager_client, organization
):
    ChannelFactory(organization=organization, key="tw")
    response = manager_client.post(url("channel_add"), {"follows": "x"})
    html = response.content.decode()
    for name in ["key", "platform", "name", "follows"]:
        assert field_errors(response, name), name
    assert unlabelled_controls(html) == []


def test_the_label_check_catches_an_unlabelled_control():
    assert unlabelled_controls('<input id="a"><label for="b">B</label><input id="b">') == ["a"]
    assert unlabelled_controls('<fieldset><legend>L</legend><input id="a"></fieldset>') == []


# Query counts


def _queries(client, page_url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(page_url).status_code == 200
    return len(queries)


@pytest.mark.django_db
def test_channel_and_staff_lists_take_as_many_queries_for_2_as_for_20(comms_client, organization):
    def grow_to(count):
        while StaffMember.objects.count() < count:
            channel = ChannelFactory(organization=organization)
            person = StaffMemberFactory(organization=organization)
            AssignmentFactory(channel=channel, staff=person)
            AssignmentFactory(channel=channel)

    grow_to(2)
    few = {name: _queries(comms_client, url(name)) for name in ["channels", "staff"]}
    grow_to(20)
    many = {name: _queries(comms_client, url(name)) for name in ["channels", "staff"]}
    assert many == few


@pytest.mark.django_db
def test_channel_page_queries_do_not_grow_with_its_people(comms_client, organization):
    channel = ChannelFactory(organization=organization, key="tw")
    AssignmentFactory(channel=channel)
    few = _queries(comms_client, url("channel", "tw"))
    for _ in range(10):
        AssignmentFactory(channel=channel)
    assert _queries(comms_client, url("channel", "tw")) == few
