"""Notices: made once per event and person with their preferences, emailed once over a real
SMTP server however often the task runs, shown only to their recipient (of organizations they
still belong to), counted in the top bar without a query of their own, marked read when opened
or all at once; and the page where a person turns them off."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import PASSWORD
from outreach.models import Membership, Notice, NotificationPreference
from outreach.services.notices import (
    notice_emails_send,
    notification_preference_update,
)
from outreach.tasks import send_notice_emails
from outreach.tests.factories import (
    MembershipFactory,
    NoticeFactory,
    OrganizationFactory,
    UserFactory,
    submitted_notices,
)

pytestmark = pytest.mark.django_db


def subject(message) -> str:
    """The Subject header as a mail program shows it (Python's parser keeps the space of the
    fold Django's encoder puts before a long encoded subject)."""
    return message["Subject"].strip()


def logged_in(client, user):
    client.force_login(user)
    return client


# Services and the task


def test_a_notice_is_made_once_per_event_and_person(organization):
    ana, bo = UserFactory(), UserFactory()
    first = submitted_notices(organization, [ana, bo])
    again = submitted_notices(organization, [ana, bo, None])

    assert len(first) == len(again) == 2
    assert {n.pk for n in first} == {n.pk for n in again}
    assert Notice.objects.count() == 2


def test_making_notices_takes_the_same_queries_for_2_or_20_people(organization):
    def queries(n, key):
        people = [UserFactory() for _ in range(n)]
        with CaptureQueriesContext(connection) as captured:
            submitted_notices(organization, people, key=key)
        return len(captured)

    assert queries(2, "a") == queries(20, "b")


def test_a_person_without_an_address_gets_the_notice_only(organization):
    (notice,) = submitted_notices(organization, [UserFactory(email="")])
    assert notice.in_app and not notice.email


def test_each_email_goes_once_over_smtp_however_often_the_task_runs(mailbox, organization):
    ana = UserFactory(email="ana@acme.example", username="ana@acme.example")
    bo = UserFactory(email="bo@acme.example", username="bo@acme.example")
    ids = [n.pk for n in submitted_notices(organization, [ana, bo])]

    assert sorted(send_notice_emails.apply(args=[ids]).get()) == sorted(ids)
    assert send_notice_emails.apply(args=[ids]).get() == []
    assert notice_emails_send(notice_ids=ids) == []
    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "bo@acme.example"]
    (message,) = mailbox.to("ana@acme.example")
    assert subject(message) == "Acme Learning: “Spring plan” waits for your approval"
    assert message["Auto-Submitted"] == "auto-generated"
    assert "https://planner.example.org/o/acme/plan/" in message.get_body(("plain",)).get_content()


def test_an_email_the_server_could_not_take_is_sent_on_the_next_try(mailbox, organization):
    ana = UserFactory(email="ana@acme.example", username="ana@acme.example")
    bo = UserFactory(email="bo@acme.example", username="bo@acme.example")
    ids = [n.pk for n in submitted_notices(organization, [ana, bo])]
    mailbox.refuse["bo@acme.example"] = "451 4.3.0 Try again later"

    with pytest.raises(Exception, match="tried again"):
        notice_emails_send(notice_ids=ids)
    del mailbox.refuse["bo@acme.example"]
    notice_emails_send(notice_ids=ids)

    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "bo@acme.example"]


def test_an_address_refused_for_good_is_not_tried_again(mailbox, organization):
    ana = UserFactory(email="ana@acme.example", username="ana@acme.example")
    ids = [n.pk for n in submitted_notices(organization, [ana])]
    mailbox.refuse["ana@acme.example"] = "550 5.1.1 No such user"

    assert notice_emails_send(notice_ids=ids) == []
    del mailbox.refuse["ana@acme.example"]
    assert notice_emails_send(notice_ids=ids) == []
    assert mailbox.received == []


def test_preferences_default_on_and_are_saved(organization):
    ana = UserFactory()
    notification_preference_update(user=ana, email=False, in_app=True)
    notification_preference_update(user=ana, email=False, in_app=False)

    assert NotificationPreference.objects.get(user=ana).in_app is False
    assert submitted_notices(organization, [ana]) == []


# Pages


def test_the_notices_page_shows_only_ones_own_notices_newest_first(client, organization):
    ana, bo = UserFactory(), UserFactory()
    for user in (ana, bo):
        MembershipFactory(user=user, organization=organization)
    NoticeFactory(recipient=ana, organization=organization, subject="Older for ana")
    NoticeFactory(recipient=ana, organization=organization, subject="Newer for ana")
    NoticeFactory(recipient=bo, organization=organization, subject="For bo only")
    NoticeFactory(recipient=ana, organization=organization, subject="Hidden", in_app=False)

    page = logged_in(client, ana).get(reverse("notices:index")).content.decode()

    assert page.index("Newer for ana") < page.index("Older for ana")
    assert "For bo only" not in page and "Hidden" not in page


def test_another_persons_notice_answers_404(client, organization):
    ana, bo = UserFactory(), UserFactory()
    MembershipFactory(user=ana, organization=organization)
    theirs = NoticeFactory(recipient=bo, organization=organization)

    assert logged_in(client, ana).get(reverse("notices:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_notices_of_an_organization_one_left_are_not_shown(client, organization):
    ana = UserFactory()
    MembershipFactory(user=ana, organization=organization)
    NoticeFactory(recipient=ana, organization=organization, subject="Still here")
    left = OrganizationFactory()
    NoticeFactory(recipient=ana, organization=left, subject="From before")

    page = logged_in(client, ana).get(reverse("notices:index")).content.decode()
    assert "Still here" in page and "From before" not in page


def test_opening_a_notice_marks_it_read_and_leads_to_its_page(client, organization):
    ana = UserFactory()
    MembershipFactory(user=ana, organization=organization)
    notice = NoticeFactory(recipient=ana, organization=organization, link="/o/acme/plan/")

    response = logged_in(client, ana).get(reverse("notices:open", args=[notice.pk]))

    assert response.status_code == 302 and response.url == "/o/acme/plan/"
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_the_top_bar_counts_unread_notices_in_the_switchers_query(client, organization):
    ana = UserFactory()
    MembershipFactory(user=ana, organization=organization, role=Membership.Role.MANAGER)
    client = logged_in(client, ana)
    url = reverse("outreach:members", args=[organization.slug])

    def queries():
        with CaptureQueriesContext(connection) as captured:
            page = client.get(url).content.decode()
        notices_read = [q["sql"] for q in captured if "outreach_notice" in q["sql"]]
        assert all("outreach_membership" in sql for sql in notices_read)
        return len(captured), page

    before, page = queries()
    assert 'href="/notices/">Notices</a>' in page
    NoticeFactory.create_batch(2, recipient=ana, organization=organization)
    NoticeFactory(recipient=ana, organization=organization, in_app=False)
    NoticeFactory(recipient=ana, organization=OrganizationFactory())  # left, or never joined
    after, page = queries()

    assert after == before
    assert (
        'href="/notices/">Notices <span class="badge badge--count">2'
        '<span class="visually-hidden"> unread</span></span></a>'
    ) in page


def test_mark_all_as_read(client, organization):
    ana = UserFactory()
    MembershipFactory(user=ana, organization=organization)
    NoticeFactory.create_batch(3, recipient=ana, organization=organization)
    mine_elsewhere = NoticeFactory(organization=organization)

    response = logged_in(client, ana).post(reverse("notices:read_all"), follow=True)

    assert "Marked 3 notices as read." in response.content.decode()
    assert not Notice.objects.filter(recipient=ana, read_at__isnull=True).exists()
    mine_elsewhere.refresh_from_db()
    assert mine_elsewhere.read_at is None
    assert client.get(reverse("notices:read_all")).status_code == 405


def test_the_notices_page_takes_the_same_queries_for_2_or_30_notices(client, organization):
    ana = UserFactory()
    MembershipFactory(user=ana, organization=organization)
    second = OrganizationFactory()
    MembershipFactory(user=ana, organization=second)
    client = logged_in(client, ana)

    def queries(n):
        Notice.objects.all().delete()
        for i in range(n):
            NoticeFactory(recipient=ana, organization=(organization, second)[i % 2])
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("notices:index")).status_code == 200
        return len(captured)

    assert queries(2) == queries(30)


def test_the_preferences_page_saves_both_choices(client):
    ana = UserFactory()
    client = logged_in(client, ana)
    url = reverse("notices:preferences")
    page = client.get(url).content.decode()
    assert 'name="email"' in page and 'name="in_app"' in page and "checked" in page

    response = client.post(url, {"in_app": "on"}, follow=True)

    assert "Saved how you hear about plans." in response.content.decode()
    preference = NotificationPreference.objects.get(user=ana)
    assert (preference.email, preference.in_app) == (False, True)


def test_the_pages_need_a_login(client):
    for name in ("notices:index", "notices:preferences"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and reverse("login") in response.url
    assert PASSWORD  # the shared test password; these pages are only reached logged in
