"""Weekly reports: due at the organization's hour, sent exactly once per address over real
SMTP, with opt-outs, failures recorded, and one-click unsubscribe."""

import base64
import contextlib
import datetime as dt
import re
import threading
import time
import zoneinfo
from unittest import mock

import pytest
from django.conf import settings as django_settings
from django.core import signing
from django.core.management import call_command
from django.db import connection, connections
from django.urls import reverse

from audits.models import AuditRun, ReportDelivery, ReportDispatch, ReportOptOut
from audits.reports.selectors import report_recipients, reports_due
from audits.reports.services import ReportRetry, report_send, weekly_reports_dispatch
from audits.reports.tasks import send_weekly_report
from audits.reports.tokens import (
    LEGACY_UNSUBSCRIBE_SALT,
    UNSUBSCRIBE_TOKEN_MAX_AGE,
    unsubscribe_token,
)
from audits.tests.plans import plan_with_channels
from conftest import service_unavailable
from outreach.celery import app as celery_app
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

UTC = dt.UTC


def organization_with_managers(name, slug, managers=("boss",), extra=(), timezone="Europe/London"):
    organization = OrganizationFactory(
        name=name, slug=slug, timezone=timezone, report_recipients=list(extra)
    )
    for person in managers:
        email = f"{person}@{slug}.example"
        MembershipFactory(
            user=UserFactory(email=email, username=email), organization=organization, role="manager"
        )
    MembershipFactory(organization=organization, role="comms")  # comms staff get no report
    plan_with_channels(organization, 2)
    return organization


def send_all_due_now():
    return weekly_reports_dispatch(ignore_schedule=True, send_now=True)


@pytest.mark.django_db
def test_the_report_goes_over_smtp_with_both_parts_headers_and_content(mailbox):
    acme = organization_with_managers("Acme Learning", "acme", extra=["board@acme.example"])
    beta = organization_with_managers("Beta Trust", "beta")
    send_all_due_now()

    assert sorted(r for r, _ in mailbox.received) == [
        "board@acme.example",
        "boss@acme.example",
        "boss@beta.example",
    ]
    for organization, address in [(acme, "boss@acme.example"), (beta, "boss@beta.example")]:
        (message,) = mailbox.to(address)
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(preferencelist=("plain",)).get_content()
        html = message.get_body(preferencelist=("html",)).get_content()
        dispatch = ReportDispatch.objects.get(organization=organization)
        subject = (
            f"{organization.name} · week {dispatch.iso_week}, {dispatch.iso_year} "
            f"· score {dispatch.run.score} (first audit)"
        )
        # Django folds an encoded Subject onto a continuation line; the parser keeps its space.
        assert message["Subject"].strip() == subject == dispatch.subject
        assert message["To"] == address
        assert message["From"] == django_settings.DEFAULT_FROM_EMAIL
        unsubscribe = message["List-Unsubscribe"].strip()  # long headers are folded
        assert unsubscribe.startswith("<https://planner.example.org/unsubscribe/")
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        dashboard = f"https://planner.example.org/o/{organization.slug}/dashboard/"
        run = dispatch.run
        for part in (text, html):
            assert dashboard in part
            assert unsubscribe[1:-1] in part
            for score in run.scores.all():
                assert score.channel_label in part
        assert "<table" in html and "style=" in html and "<" not in text.replace("<http", "")
    (board,) = mailbox.to("board@acme.example")
    assert "Acme Learning listed\r\nthis address" in board.get_body(("plain",)).get_content()
    assert (
        "you are a manager" in mailbox.to("boss@acme.example")[0].get_body(("plain",)).get_content()
    )
    # Each address has its own unsubscribe link.
    links = {m["List-Unsubscribe"].strip() for _, m in mailbox.received}
    assert len(links) == 3


@pytest.mark.django_db
def test_running_the_dispatcher_twice_sends_one_email_per_address(mailbox):
    organization_with_managers("Acme", "acme", managers=("ana", "bo"))
    first, second = send_all_due_now(), send_all_due_now()
    assert len(first) == 1 and second == []
    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "bo@acme.example"]


@pytest.mark.django_db
def test_a_retried_task_sends_only_what_did_not_go_out(mailbox):
    """The server is briefly unwilling for one address (451): that address is retried, the
    others are not sent twice."""
    organization_with_managers("Acme", "acme", managers=("ana", "bo"))
    mailbox.refuse["bo@acme.example"] = "451 4.3.0 Try again later"
    (dispatch,) = weekly_reports_dispatch(ignore_schedule=True)  # claims; the task is below
    with pytest.raises(ReportRetry):
        report_send(dispatch_id=dispatch.pk)
    assert ReportDelivery.objects.get(email="bo@acme.example").status == "retry"
    del mailbox.refuse["bo@acme.example"]
    send_weekly_report.apply(args=[dispatch.pk])  # the retry
    send_weekly_report.apply(args=[dispatch.pk])  # and once more, for good measure
    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "bo@acme.example"]
    dispatch.refresh_from_db()
    assert dispatch.status == "sent"
    assert ReportDelivery.objects.get(email="bo@acme.example").attempts == 2


@pytest.mark.django_db(transaction=True)
def test_two_dispatchers_at_once_send_one_email_per_address(mailbox):
    if connection.vendor != "postgresql":
        service_unavailable("PostgreSQL (concurrent dispatchers need a real database server)")
    organization_with_managers("Acme", "acme", managers=("ana", "bo"))
    start = threading.Barrier(2)
    claimed, errors = [], []

    def dispatcher():
        try:
            start.wait()
            claimed.append(len(send_all_due_now()))
        except Exception as error:  # surfaced below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=dispatcher) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert not errors
    assert sorted(claimed) == [0, 1]
    assert ReportDispatch.objects.count() == 1
    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "bo@acme.example"]


@pytest.mark.django_db
def test_tokyo_monday_8_is_due_at_monday_8_tokyo_time_and_not_before():
    tokyo = OrganizationFactory(timezone="Asia/Tokyo", report_weekday=0, report_hour=8)
    london = OrganizationFactory(timezone="Europe/London", report_weekday=0, report_hour=8)
    for organization in (tokyo, london):  # last week's reports went out
        ReportDispatch.objects.create(organization=organization, iso_year=2026, iso_week=48)
    monday_8_tokyo = dt.datetime(2026, 11, 30, 8, tzinfo=zoneinfo.ZoneInfo("Asia/Tokyo"))
    assert monday_8_tokyo.astimezone(UTC) == dt.datetime(2026, 11, 29, 23, tzinfo=UTC)

    def due(now):
        return [d.organization for d in reports_due(now=now, organizations=[tokyo, london])]

    assert due(monday_8_tokyo - dt.timedelta(hours=12)) == []
    assert due(monday_8_tokyo - dt.timedelta(minutes=1)) == []
    assert due(monday_8_tokyo) == [tokyo]  # Sunday 23:00 in London: not London's hour yet
    assert due(dt.datetime(2026, 11, 30, 8, tzinfo=zoneinfo.ZoneInfo("Europe/London"))) == [
        tokyo,
        london,
    ]
    (moment,) = reports_due(now=monday_8_tokyo, organizations=[tokyo])
    assert (moment.iso_year, moment.iso_week) == (2026, 49)


@pytest.mark.django_db
def test_a_missed_report_is_sent_once_when_the_workers_are_back(mailbox):
    organization = organization_with_managers("Acme", "acme")
    organization.report_weekday, organization.report_hour = 0, 8
    organization.save()
    wednesday = dt.datetime(2026, 12, 2, 15, tzinfo=UTC)  # Monday 08:00 passed unnoticed
    assert len(weekly_reports_dispatch(now=wednesday, send_now=True)) == 1
    assert weekly_reports_dispatch(now=wednesday + dt.timedelta(hours=1), send_now=True) == []
    assert len(mailbox.received) == 1


@pytest.mark.django_db
def test_an_opted_out_manager_gets_nothing(mailbox):
    organization = organization_with_managers("Acme", "acme", managers=("ana", "bo"))
    ReportOptOut.objects.create(organization=organization, email="bo@acme.example")
    send_all_due_now()
    assert [r for r, _ in mailbox.received] == ["ana@acme.example"]


@pytest.mark.django_db
def test_a_failing_address_is_recorded_and_the_others_still_get_theirs(mailbox):
    organization_with_managers(
        "Acme", "acme", managers=("ana",), extra=["gone@acme.example", "zoe@acme.example"]
    )
    mailbox.refuse["gone@acme.example"] = "550 5.1.1 No such user here"
    (dispatch,) = send_all_due_now()
    assert sorted(r for r, _ in mailbox.received) == ["ana@acme.example", "zoe@acme.example"]
    failed = ReportDelivery.objects.get(email="gone@acme.example")
    assert failed.status == "failed" and "No such user" in failed.error
    dispatch.refresh_from_db()
    assert dispatch.status == "partial"


def test_the_beat_schedule_runs_the_dispatcher_every_hour():
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    (entry,) = [
        e for e in schedule.values() if e["task"] == "audits.reports.tasks.dispatch_weekly_reports"
    ]
    assert "audits.reports.tasks.dispatch_weekly_reports" in celery_app.tasks
    assert entry["schedule"].minute == {5} and len(entry["schedule"].hour) == 24


@pytest.mark.django_db
def test_the_command_says_what_it_sent_and_keeps_to_once_a_week(mailbox, capsys):
    organization_with_managers("Acme", "acme", extra=["gone@acme.example"])
    mailbox.refuse["gone@acme.example"] = "550 5.1.1 No such user here"
    call_command("send_weekly_reports", "--org", "acme", "--due-now")
    out = capsys.readouterr().out
    assert "acme week" in out and "boss@acme.example: sent" in out
    assert "gone@acme.example: failed" in out
    call_command("send_weekly_reports", "--org", "acme", "--due-now")
    assert "Nothing to send" in capsys.readouterr().out
    assert len(mailbox.to("boss@acme.example")) == 1


def unsubscribe_path(message) -> str:
    """The path of a sent email's List-Unsubscribe address (the one-click POST goes there)."""
    url = message["List-Unsubscribe"].strip()[1:-1]  # long headers are folded
    assert url.startswith("https://planner.example.org/unsubscribe/")
    return url.removeprefix("https://planner.example.org")


def delivery_of(organization, email) -> ReportDelivery:
    """A delivery of this week's report to `email`, as the dispatcher makes it before sending."""
    dispatch, _ = ReportDispatch.objects.get_or_create(
        organization=organization, iso_year=2026, iso_week=10
    )
    return ReportDelivery.objects.create(dispatch=dispatch, email=email)


def signed_days_ago(days: float, sign):
    """What `sign()` returns when run `days` ago: TimestampSigner reads django.core.signing's
    time.time() when it signs, and again when it checks the age."""
    then = time.time() - dt.timedelta(days=days).total_seconds()
    with mock.patch("django.core.signing.time.time", return_value=then):
        return sign()


def base64_decodings(token: str) -> list[bytes]:
    """Every piece of the token read as base64, as anyone holding the link could."""
    pieces = [token, *re.split(r"[:.]", token)]
    decoded = []
    for piece in pieces:
        with contextlib.suppress(ValueError):
            decoded.append(base64.urlsafe_b64decode(piece + "=" * (-len(piece) % 4)))
    return decoded


@pytest.mark.django_db
def test_unsubscribe_asks_on_get_and_acts_on_a_one_click_post(client, mailbox):
    """The link of a freshly sent email: GET only asks; the one-click POST (RFC 8058, no CSRF
    token) stops the report to that address."""
    organization = organization_with_managers("Acme", "acme")
    send_all_due_now()
    (message,) = mailbox.to("boss@acme.example")
    url = unsubscribe_path(message)
    mailbox.received.clear()
    page = client.get(url)
    assert page.status_code == 200 and b"Stop sending it" in page.content
    assert b"boss@acme.example" in page.content  # the reader sees what they are stopping
    assert not ReportOptOut.objects.exists()
    csrf_client = client.__class__(enforce_csrf_checks=True)
    response = csrf_client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200 and b"Done" in response.content
    assert list(ReportOptOut.objects.values_list("organization", "email")) == [
        (organization.pk, "boss@acme.example")
    ]
    next_week = dt.datetime.now(UTC) + dt.timedelta(days=7)
    assert len(weekly_reports_dispatch(now=next_week, ignore_schedule=True, send_now=True)) == 1
    assert mailbox.received == []


@pytest.mark.django_db
def test_the_unsubscribe_link_does_not_carry_the_address(mailbox):
    """Neither the address nor its parts are in the link, in plain or base64-decoded."""
    organization_with_managers("Acme", "acme", extra=["jane.doe@board.example"])
    send_all_due_now()
    assert len(mailbox.received) == 2
    for address, message in mailbox.received:
        url = unsubscribe_path(message)
        token = url.removeprefix("/unsubscribe/").removesuffix("/")
        local, domain = address.split("@")
        secrets = [address, local, domain, *local.split("."), domain.split(".")[0]]
        readings = [url.lower(), *(d.lower() for d in base64_decodings(token))]
        for reading in readings:
            for secret in secrets:
                needle = secret if isinstance(reading, str) else secret.encode()
                assert needle not in reading, f"{secret!r} readable in the link of {address}"
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert f"https://planner.example.org{url}" in body


@pytest.mark.django_db
def test_a_token_older_than_its_lifetime_is_refused_and_changes_nothing(client):
    """A link works for UNSUBSCRIBE_TOKEN_MAX_AGE after its email was sent; after that it says
    the link is old and where to find a working one, on GET and on the one-click POST."""
    organization = organization_with_managers("Acme", "acme")
    delivery = delivery_of(organization, "boss@acme.example")
    days = UNSUBSCRIBE_TOKEN_MAX_AGE.days

    def link(age_in_days):
        token = signed_days_ago(age_in_days, lambda: unsubscribe_token(delivery_id=delivery.pk))
        return reverse("reports:unsubscribe", args=[token])

    assert client.get(link(days - 0.01)).status_code == 200  # last month's email still works
    old = link(days + 0.01)
    for response in (client.get(old), client.post(old, {"List-Unsubscribe": "One-Click"})):
        html = response.content.decode()
        assert response.status_code == 410
        assert "This link is too old" in html and f"{days} days" in html
        assert "newest weekly report" in html and 'href="/login/"' in html
        assert "boss@acme.example" not in html and "Acme" not in html
    assert not ReportOptOut.objects.exists()


@pytest.mark.django_db
def test_a_forged_unsubscribe_link_changes_nothing(client):
    """Any change to a token (its id, time or signature), a token signed for another purpose,
    a cut-short one, or one whose delivery is gone: the page says the link is not valid."""
    organization = organization_with_managers("Acme", "acme", extra=["ann@acme.example"])
    delivery = delivery_of(organization, "boss@acme.example")
    other = delivery_of(organization, "ann@acme.example")
    token = unsubscribe_token(delivery_id=delivery.pk)
    number, stamp, signature = token.split(":")
    gone = delivery_of(organization, "gone@acme.example")
    gone_token = unsubscribe_token(delivery_id=gone.pk)
    gone.delete()
    forged = [
        token[:-3] + ("abc" if token[-3:] != "abc" else "xyz"),
        f"{other.pk}:{stamp}:{signature}",  # another delivery, this one's signature
        f"{number}:{signing.b62_encode(signing.b62_decode(stamp) + 86400)}:{signature}",
        token[: len(token) // 2],
        signing.TimestampSigner(salt="something.else").sign(str(delivery.pk)),
        signing.TimestampSigner().sign(str(delivery.pk)),
        signing.dumps({"o": organization.pk, "e": "boss@acme.example"}),  # legacy, wrong salt
        "not-a-token",
        gone_token,
    ]
    for bad in forged:
        response = client.post(reverse("reports:unsubscribe", args=[bad]))
        assert response.status_code == 400, bad
        assert b"This link is not valid" in response.content, bad
        assert client.get(reverse("reports:unsubscribe", args=[bad])).status_code == 400
    assert not ReportOptOut.objects.exists()


@pytest.mark.django_db
def test_a_token_for_one_organizations_recipient_unsubscribes_no_one_else(client, mailbox):
    """The same address gets two organizations' reports: the link in Acme's email stops Acme's
    report to that address, and nothing else."""
    acme = organization_with_managers("Acme", "acme", extra=["pat@shared.example"])
    beta = organization_with_managers("Beta", "beta", extra=["pat@shared.example"])
    send_all_due_now()
    (acme_email,) = [
        m
        for m in mailbox.to("pat@shared.example")
        if m["List-Id"].startswith("Weekly report of acme")
    ]
    response = client.post(unsubscribe_path(acme_email), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert list(ReportOptOut.objects.values_list("organization", "email")) == [
        (acme.pk, "pat@shared.example")
    ]
    assert "pat@shared.example" not in report_recipients(acme)
    assert report_recipients(beta) == ["boss@beta.example", "pat@shared.example"]
    assert report_recipients(acme) == ["boss@acme.example"]


@pytest.mark.django_db
def test_old_format_tokens_work_until_they_would_have_expired_under_the_new_rule(client):
    """Decision: links of the old format (organization id and address, signed by
    signing.dumps) are in emails already sent, so they keep working, for as long as a new
    token would: UNSUBSCRIBE_TOKEN_MAX_AGE after they were made. Then they are refused as old."""
    acme = organization_with_managers("Acme", "acme")
    beta = organization_with_managers("Beta", "beta")

    def old_format_link(organization, email, age_in_days):
        data = {"o": organization.pk, "e": email}
        token = signed_days_ago(
            age_in_days, lambda: signing.dumps(data, salt=LEGACY_UNSUBSCRIBE_SALT)
        )
        return reverse("reports:unsubscribe", args=[token])

    days = UNSUBSCRIBE_TOKEN_MAX_AGE.days
    expired = client.post(old_format_link(beta, "boss@beta.example", days + 0.01))
    assert expired.status_code == 410 and b"This link is too old" in expired.content
    assert not ReportOptOut.objects.exists()
    recent = client.post(old_format_link(acme, "boss@acme.example", days - 0.01))
    assert recent.status_code == 200 and b"Done" in recent.content
    assert list(ReportOptOut.objects.values_list("organization", "email")) == [
        (acme.pk, "boss@acme.example")
    ]


@pytest.mark.django_db
def test_the_reports_page_shows_past_reports_and_this_weeks_preview(manager_client, mailbox):
    organization = manager_client.user.memberships.get().organization
    plan_with_channels(organization, 2)
    send_all_due_now()
    html = manager_client.get(reverse("reports:index", args=[organization.slug])).content.decode()
    assert "This week" in html and "Subject:" in html
    assert 'srcdoc="&lt;!DOCTYPE html&gt;' in html  # the whole email, escaped into the frame
    assert manager_client.user.email in html and "Sent" in html
    # The preview is sent to no one: its unsubscribe link is this page, not a token.
    assert "/unsubscribe/" not in html


@pytest.mark.django_db
def test_managers_set_the_schedule_and_comms_cannot(manager_client, comms_client, organization):
    url = reverse("reports:index", args=[organization.slug])
    data = {
        "report_weekday": "4",
        "report_hour": "9",
        "timezone": "Asia/Tokyo",
        "report_recipients": "board@example.org\nnot-an-address",
    }
    bad = manager_client.post(url, data)
    assert b"Not an email address: not-an-address" in bad.content
    assert b"board@example.org" in bad.content  # what was typed is kept
    organization.refresh_from_db()
    assert organization.timezone == "Europe/London"
    data["report_recipients"] = "board@example.org"
    manager_client.post(url, data)
    organization.refresh_from_db()
    assert (organization.report_weekday, organization.report_hour) == (4, 9)
    assert organization.report_recipients == ["board@example.org"]
    assert comms_client.post(url, {**data, "report_hour": "10"}).status_code == 403
    assert comms_client.get(url).status_code == 403  # the managers' page: addresses and all
    organization.refresh_from_db()
    assert organization.report_hour == 9


@pytest.mark.django_db
def test_a_manager_opts_out_and_back_in_on_the_reports_page(manager_client, organization):
    url = reverse("reports:subscription", args=[organization.slug])
    manager_client.post(url, {"subscribe": "0"})
    assert list(ReportOptOut.objects.values_list("organization", "email")) == [
        (organization.pk, manager_client.user.email)
    ]
    manager_client.post(url, {"subscribe": "1"})
    assert not ReportOptOut.objects.exists()


@pytest.mark.django_db
def test_the_hourly_dispatcher_resumes_a_dispatch_left_unfinished(mailbox):
    """A dispatch claimed but never sent (its task was lost) goes out on a later hour, once."""
    from audits.reports.tasks import dispatch_weekly_reports

    organization_with_managers("Acme", "acme", managers=("ana",))
    (dispatch,) = weekly_reports_dispatch(ignore_schedule=True)  # claimed; its task never ran
    ReportDispatch.objects.filter(pk=dispatch.pk).update(
        created_at=dispatch.created_at - dt.timedelta(hours=1)
    )
    result = dispatch_weekly_reports.apply().get()
    assert result["resumed"] == [dispatch.pk]
    dispatch_weekly_reports.apply()
    assert [r for r, _ in mailbox.received] == ["ana@acme.example"]


@pytest.mark.django_db
def test_sending_reads_the_same_whatever_the_number_of_addresses(mailbox):
    """The email is built once per dispatch, not per address: only the per-address claim and
    mark-as-sent writes grow with the recipients."""
    from django.db import connection as db
    from django.test.utils import CaptureQueriesContext

    def reads_for(slug, extra):
        organization = organization_with_managers(slug, slug, extra=extra)
        (dispatch,) = weekly_reports_dispatch(organizations=[organization], ignore_schedule=True)
        with CaptureQueriesContext(db) as queries:
            report_send(dispatch_id=dispatch.pk)
        return len([q for q in queries if q["sql"].lstrip().upper().startswith("SELECT")])

    few = reads_for("few", ["a@few.example"])
    many = reads_for("many", [f"{n}@many.example" for n in range(6)])
    assert few == many
    assert len(mailbox.received) == 1 + 1 + 1 + 6


@pytest.mark.django_db
def test_many_reports_are_audited_in_batches_and_sent_over_one_connection(mailbox, settings):
    settings.AUDIT_BATCH_SIZE = 2
    for i in range(5):
        organization_with_managers(f"Org {i}", f"org{i}", managers=("boss", "deputy"))
    monday = dt.datetime(2027, 3, 1, 12, tzinfo=UTC)
    claimed = weekly_reports_dispatch(now=monday, ignore_schedule=True, send_now=True)
    assert len(claimed) == 5
    assert sorted(r for r, _ in mailbox.received) == sorted(
        f"{who}@org{i}.example" for i in range(5) for who in ("boss", "deputy")
    )
    assert mailbox.conversations == 1
    runs = AuditRun.objects.filter(trigger="schedule")
    assert runs.count() == 5 and set(runs.values_list("status", flat=True)) == {"done"}
    for dispatch in ReportDispatch.objects.all():
        assert dispatch.run.request_key == f"weekly-report:{dispatch.pk}"
    # Again (a repeated dispatcher): no new dispatch, no new audit, no new email.
    assert weekly_reports_dispatch(now=monday, ignore_schedule=True, send_now=True) == []
    assert AuditRun.objects.count() == 5 and len(mailbox.received) == 10
