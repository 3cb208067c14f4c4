"""The token of a notice email's unsubscribe link. It names one person (the user's database id),
signed with a salt of its own and timestamped: the address is not in it, a token turns off no
one's emails but its person's, and it stops working after NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE.

Reading a token here checks only its signature and age; the view finds the person it names.
(The weekly report has its own, `audits.reports.tokens`; outreach does not import audits.)"""

import datetime as dt

from django.core import signing

# Each notice email brings a fresh link, so a token has to outlive only the email it came in:
# 60 days, as the weekly report's, is twice the 30 days for which an email's opt-out must keep
# working (CAN-SPAM), while a link that was forwarded or leaked stops working after two months.
NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE = dt.timedelta(days=60)

# Its own salt, so no other signature the app makes (sessions, the weekly report's unsubscribe
# link, invitations) is taken for this token, nor this token for one of them.
NOTICE_UNSUBSCRIBE_SALT = "outreach.notices.unsubscribe.user"


class NoticeUnsubscribeLinkInvalid(Exception):
    """The token is forged, cut short, made for something else, or names no one."""


class NoticeUnsubscribeLinkExpired(NoticeUnsubscribeLinkInvalid):
    """The token is genuine but older than NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE."""


def notice_unsubscribe_token(*, user_id: int) -> str:
    """A URL-safe token (digits, letters, '-', '_' and ':'), so it needs no escaping."""
    return signing.TimestampSigner(salt=NOTICE_UNSUBSCRIBE_SALT).sign(str(user_id))


def notice_unsubscribe_token_read(token: str) -> int:
    """The user id `token` names; raises NoticeUnsubscribeLinkExpired or
    NoticeUnsubscribeLinkInvalid."""
    try:
        value = signing.TimestampSigner(salt=NOTICE_UNSUBSCRIBE_SALT).unsign(
            token, max_age=NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise NoticeUnsubscribeLinkExpired from error
    except signing.BadSignature as error:
        raise NoticeUnsubscribeLinkInvalid from error
    if not (value.isascii() and value.isdigit()):  # never, as we signed it; but an id it must be
        raise NoticeUnsubscribeLinkInvalid
    return int(value)
