"""Notices: telling people about an event in the planner and by email, each once.

A notice is made once per event and person (`Notice.event_key` + recipient is unique), with
the person's preferences of that moment: in-app off hides it, email off sends nothing, both
off makes no notice at all. Its email is claimed by a conditional UPDATE of `emailed_at` before
the SMTP conversation, so a repeated task never sends it twice (a worker dying between the claim
and the send loses that one email rather than sending it twice, as the weekly report does).
"""

import logging
import smtplib
from collections.abc import Iterable

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from ..models import Notice, NotificationPreference, Organization
from ..notice_tokens import notice_unsubscribe_token

logger = logging.getLogger(__name__)


class NoticeEmailRetry(Exception):
    """Some emails failed for a reason that may pass (the server was away): try them again."""


def notices_create(
    *,
    organization: Organization,
    recipients: Iterable,
    kind: str,
    subject: str,
    message: str,
    link: str,
    event_key: str,
) -> list[Notice]:
    """The event's notice for each recipient who wants one either way, made once: calling again
    with the same `event_key` makes nothing new. Returns the event's notices (old and new) of
    these recipients. Three queries whatever the number of recipients."""
    people = {user.pk: user for user in recipients if user is not None}
    if not people:
        return []
    preferences = {
        p.user_id: p for p in NotificationPreference.objects.filter(user_id__in=list(people))
    }
    default = NotificationPreference()
    rows = []
    for user_id, user in people.items():
        preference = preferences.get(user_id, default)
        wants_email = preference.email and bool(user.email)
        if not (preference.in_app or wants_email):
            continue
        rows.append(
            Notice(
                recipient_id=user_id,
                organization=organization,
                kind=kind,
                subject=" ".join(subject.split())[:300],
                message=message,
                link=link,
                event_key=event_key,
                in_app=preference.in_app,
                email=wants_email,
            )
        )
    for row in rows:
        # The people and the organization exist (they came from the database): checking each
        # foreign key would cost a query per row.
        row.full_clean(
            exclude=["recipient", "organization"], validate_unique=False, validate_constraints=False
        )
    # ignore_conflicts: a notice made already for the event and person stays as it was.
    Notice.objects.bulk_create(rows, ignore_conflicts=True)
    return list(
        Notice.objects.filter(event_key=event_key, recipient_id__in=[r.recipient_id for r in rows])
    )


def notice_open(*, notice: Notice) -> Notice:
    """The person opened the notice: it is read from now on (the first time counts)."""
    if notice.read_at is None:
        now = timezone.now()
        Notice.objects.filter(pk=notice.pk, read_at__isnull=True).update(read_at=now)
        notice.read_at = now
    return notice


def notices_mark_read(*, user) -> int:
    """Mark every unread notice of `user` as read; how many were unread."""
    return Notice.objects.filter(recipient=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notification_preference_update(*, user, email: bool, in_app: bool) -> NotificationPreference:
    """Save how `user` wants to hear about plan events; applies to the events that follow."""
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email": email, "in_app": in_app}
    )
    return preference


def notification_emails_stop(*, user) -> NotificationPreference:
    """Turn off `user`'s notice emails (the email's unsubscribe link), their notices in the
    planner as they were. Applies to the events that follow; doing it twice changes nothing."""
    saved = NotificationPreference.objects.filter(user=user).first()
    in_app = saved.in_app if saved else NotificationPreference().in_app
    return notification_preference_update(user=user, email=False, in_app=in_app)


def notice_emails_send(*, notice_ids: list[int]) -> list[int]:
    """Send the email of each notice that wants one and has not had it; the ids sent. One SMTP
    conversation for them all. Raises NoticeEmailRetry after the others were tried when some
    failed for a reason that may pass; those are released to be claimed again. An address the
    server refuses for good is not tried again."""
    notices = list(
        Notice.objects.filter(pk__in=notice_ids, email=True, emailed_at__isnull=True)
        .select_related("recipient", "organization")
        .order_by("pk")
    )
    if not notices:
        return []
    sent, retry = [], []
    connection = get_connection()
    try:
        for notice in notices:
            claimed = Notice.objects.filter(
                pk=notice.pk, email=True, emailed_at__isnull=True
            ).update(emailed_at=timezone.now())
            if not claimed:
                continue  # another attempt has it
            try:
                connection.send_messages([notice_email_build(notice=notice)])
            except (smtplib.SMTPException, OSError) as error:
                logger.warning("The notice email to %s failed: %s", notice.recipient.email, error)
                connection.close()  # the next one starts a fresh conversation
                if not _is_permanent(error):
                    Notice.objects.filter(pk=notice.pk).update(emailed_at=None)
                    retry.append(notice.pk)
            else:
                sent.append(notice.pk)
    finally:
        connection.close()
    if retry:
        raise NoticeEmailRetry(f"Notice emails {retry} will be tried again.")
    return sent


def notice_email_build(*, notice: Notice) -> EmailMultiAlternatives:
    """The notice as an email: a plain-text and an HTML part, links to the page it is about, to
    a signed one-click unsubscribe (also in the RFC 8058 headers, for mail programs' own button)
    and to the settings page."""
    token = notice_unsubscribe_token(user_id=notice.recipient_id)
    unsubscribe_url = _absolute(reverse("notices:unsubscribe", args=[token]))
    context = {
        "notice": notice,
        "organization_name": " ".join(notice.organization.name.split()),
        "subject": notice.subject,
        "page_url": _absolute(notice.link),
        "preferences_url": _absolute(reverse("notices:preferences")),
        "unsubscribe_url": unsubscribe_url,
    }
    message = EmailMultiAlternatives(
        subject=notice.subject,
        body=render_to_string("notifications/email/notice.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[notice.recipient.email],
        headers={
            "Auto-Submitted": "auto-generated",
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.attach_alternative(
        render_to_string("notifications/email/notice.html", context), "text/html"
    )
    return message


def _absolute(path: str) -> str:
    return f"{settings.SITE_URL}{path}"


def _is_permanent(error: Exception) -> bool:
    """A 5xx answer (the address is refused): trying again will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500
