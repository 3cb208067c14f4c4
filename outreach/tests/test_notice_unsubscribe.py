"""The notice emails' one-click unsubscribe: each email carries a signed link to a page (no login)
and the RFC 8058 headers; opening the link only asks, its POST (the page's button, or a mail
program's one-click POST without a CSRF token) turns that person's emails off and leaves their
notices in the planner as they were. A link altered, made for something else or older than its
lifetime changes nothing and says what to do instead."""

import datetime as dt
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client
from django.urls import resolve, reverse

from conftest import link_in
from outreach.models import NotificationPreference
from outreach.notice_tokens import (
    NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE,
    notice_unsubscribe_token,
    notice_unsubscribe_token_read,
)
from outreach.services.notices import notification_preference_update
from outreach.tasks import send_notice_emails
from outreach.tests.factories import UserFactory, submitted_notices

pytestmark = pytest.mark.django_db

SITE = "https://planner.example.org"


def notify(organization, people, key="event-1"):
    """An event for `people`, emailed (over the mailbox's SMTP server when it is on)."""
    notices = submitted_notices(organization, people, key=key)
    send_notice_emails.apply(args=[[n.pk for n in notices]]).get()
    return notices


def unsubscribe_path(message) -> str:
    """The path of the email's unsubscribe link, from its List-Unsubscribe header (a long one
    is folded before the address, and Python's parser keeps the fold's space)."""
    header = message["List-Unsubscribe"].strip()
    assert header.startswith(f"<{SITE}/") and header.endswith(">"), header
    return header[1:-1].removeprefix(SITE)


def signed_days_ago(days: float, sign):
    """What `sign()` returns when run `days` ago: TimestampSigner reads django.core.signing's
    time.time() when it signs, and again when it checks the age."""
    then = time.time() - dt.timedelta(days=days).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=then):
        return sign()


def preference(user) -> tuple[bool, bool] | None:
    saved = NotificationPreference.objects.filter(user=user).first()
    return (saved.email, saved.in_app) if saved else None


@pytest.fixture
def ana(db):
    return UserFactory(email="ana@acme.example", username="ana@acme.example")


def test_each_email_carries_the_link_and_the_one_click_headers(mailbox, organization, ana):
    notify(organization, [ana])

    (message,) = mailbox.to("ana@acme.example")
    path = unsubscribe_path(message)
    match = resolve(path)
    assert match.view_name == "notices:unsubscribe"
    assert notice_unsubscribe_token_read(match.kwargs["token"]) == ana.pk
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert message["Auto-Submitted"] == "auto-generated"
    text = message.get_body(("plain",)).get_content()
    assert f"To stop these emails (one click, no login): {SITE}{path}" in text
    assert f"To choose how you hear about plans: {SITE}/account/notifications/" in text
    assert link_in(message) == "/o/acme/plan/"  # the plan comes first
    html = message.get_body(("html",)).get_content()
    assert f'href="{SITE}{path}"' in html and "Turn these emails off" in html
    assert "ana@acme.example" not in path


def test_opening_the_link_only_asks(client, mailbox, organization, ana):
    notify(organization, [ana])
    (message,) = mailbox.to("ana@acme.example")

    response = client.get(unsubscribe_path(message))

    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Stop emails about plans?</h1>" in html and 'method="post"' in html
    assert "Stop these emails" in html
    assert "ana@acme.example" not in html  # the page names no one
    assert preference(ana) is None


def test_the_button_turns_emails_off_and_a_later_event_sends_none(
    client, mailbox, organization, ana
):
    """Only the email: the notices in the planner go on, as the person had them."""
    notification_preference_update(user=ana, email=True, in_app=False)
    bo = UserFactory(email="bo@acme.example", username="bo@acme.example")
    notify(organization, [ana, bo])
    (message,) = mailbox.to("ana@acme.example")

    response = client.post(unsubscribe_path(message))

    assert response.status_code == 200 and "<h1>Done</h1>" in response.content.decode()
    assert preference(ana) == (False, False)  # in_app untouched (it was off)
    assert preference(bo) is None
    mailbox.received.clear()
    notify(organization, [ana, bo], key="event-2")
    assert [r for r, _ in mailbox.received] == ["bo@acme.example"]


def test_the_in_app_setting_stays_on_by_default(client, mailbox, organization, ana):
    notify(organization, [ana])
    (message,) = mailbox.to("ana@acme.example")

    client.post(unsubscribe_path(message))
    client.post(unsubscribe_path(message))  # twice: nothing more

    assert preference(ana) == (False, True)
    mailbox.received.clear()
    (notice,) = notify(organization, [ana], key="event-2")
    assert notice.in_app and not notice.email
    assert mailbox.received == []


def test_a_mail_programs_one_click_post_needs_no_csrf_token(mailbox, organization, ana):
    """RFC 8058: the mail program POSTs `List-Unsubscribe=One-Click` to the header's address,
    with no cookie, session or CSRF token."""
    notify(organization, [ana])
    (message,) = mailbox.to("ana@acme.example")
    mail_program = Client(enforce_csrf_checks=True)

    response = mail_program.post(
        unsubscribe_path(message),
        "List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert preference(ana) == (False, True)


def test_other_pages_still_need_the_csrf_token(ana):
    """Only the unsubscribe link is exempt: the settings page refuses a POST without one."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ana)
    response = browser.post(reverse("notices:preferences"), {"in_app": "on"})
    assert response.status_code == 403
    assert preference(ana) is None


def test_a_forged_or_altered_link_changes_nothing(client, ana):
    """Any change to a token (its id, time or signature), a token signed for another purpose,
    a cut-short one, or one whose person is gone: the page says the link is not valid and
    where to turn the emails off instead."""
    bo = UserFactory()
    token = notice_unsubscribe_token(user_id=ana.pk)
    number, stamp, signature = token.split(":")
    gone = UserFactory()
    gone_token = notice_unsubscribe_token(user_id=gone.pk)
    gone.delete()
    forged = [
        token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"),
        f"{bo.pk}:{stamp}:{signature}",  # another person, this one's signature
        f"{number}:{signing.b62_encode(signing.b62_decode(stamp) + 86400)}:{signature}",
        token[: len(token) // 2],
        signing.TimestampSigner(salt="audits.weekly-report.unsubscribe.delivery").sign(str(ana.pk)),
        signing.TimestampSigner().sign(str(ana.pk)),
        "not-a-token",
        gone_token,
    ]
    for bad in forged:
        url = reverse("notices:unsubscribe", args=[bad])
        response = client.post(url, {"List-Unsubscribe": "One-Click"})
        html = response.content.decode()
        assert response.status_code == 400, bad
        assert "This link is not valid" in html and "Nothing was changed" in html, bad
        assert 'href="/login/?next=/account/notifications/"' in html
        assert client.get(url).status_code == 400
    assert not NotificationPreference.objects.exists()


def test_a_link_older_than_its_lifetime_is_refused_and_changes_nothing(client, ana):
    days = NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE.days
    assert days == 60

    def link(age_in_days):
        token = signed_days_ago(age_in_days, lambda: notice_unsubscribe_token(user_id=ana.pk))
        return reverse("notices:unsubscribe", args=[token])

    assert client.get(link(days - 0.01)).status_code == 200  # an email of last month works
    old = link(days + 0.01)
    for response in (client.get(old), client.post(old, {"List-Unsubscribe": "One-Click"})):
        html = response.content.decode()
        assert response.status_code == 410
        assert "This link is too old" in html and f"{days} days" in html
        assert 'href="/login/?next=/account/notifications/"' in html
        assert "notification settings" in html
    assert preference(ana) is None


def test_the_page_is_a_page_of_the_site(client, ana):
    """It extends base.html: the landmarks and the skip link the accessibility checks expect."""
    url = reverse("notices:unsubscribe", args=[notice_unsubscribe_token(user_id=ana.pk)])
    for response in (client.get(url), client.get(reverse("notices:unsubscribe", args=["x"]))):
        html = response.content.decode()
        assert '<main id="main"' in html and 'href="#main"' in html and "<h1>" in html
        assert "<title>Plan emails · Outreach planner</title>" in html
