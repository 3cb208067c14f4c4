"""The unsubscribe link's token. It names one delivery of the weekly report (one address of one
organization's report, `ReportDelivery`) by its database id, signed with a salt of its own and
timestamped: the address is not in it, a token opens nothing but its own delivery, and it stops
working after `UNSUBSCRIBE_TOKEN_MAX_AGE`.

Reading a token here checks only its signature and age; `selectors.unsubscribe_recipient` finds
the organization and address it names."""

import datetime as dt
from dataclasses import dataclass

from django.core import signing

# Each week's email brings a fresh link, so a token has to outlive only the email it came in:
# 60 days lets a reader back from a long holiday use any of the last eight reports, and is
# twice the 30 days for which an email's opt-out must keep working (CAN-SPAM), while a link that
# was forwarded or leaked (logs, proxies, a shared inbox) stops working after two months.
UNSUBSCRIBE_TOKEN_MAX_AGE = dt.timedelta(days=60)

# Its own salt, so no other signature the app makes (sessions, other links) is an unsubscribe
# token, and tokens of the old format are never taken for new ones or the other way round.
UNSUBSCRIBE_SALT = "audits.weekly-report.unsubscribe.delivery"

# Tokens of the old format, `signing.dumps({"o": organization id, "e": address})`, are in
# emails already sent. They are accepted until they would have expired under the new rule
# (signing.dumps timestamped them too), because refusing them would break the opt-out of every
# report sent before the change, which the law and the mail providers expect to keep working;
# accepting them shows the address to no one new, since no new ones are made. Once
# UNSUBSCRIBE_TOKEN_MAX_AGE has passed since the change went out, every one of them is refused
# as expired and this branch (and the salt) can go.
LEGACY_UNSUBSCRIBE_SALT = "audits.weekly-report.unsubscribe"


class UnsubscribeLinkInvalid(Exception):
    """The token is forged, cut short, made for something else, or names nothing."""


class UnsubscribeLinkExpired(UnsubscribeLinkInvalid):
    """The token is genuine but older than UNSUBSCRIBE_TOKEN_MAX_AGE."""


@dataclass(frozen=True)
class UnsubscribeTokenSubject:
    """What a genuine token names: a delivery, or (old format) an organization and address."""

    delivery_id: int | None = None
    organization_id: int | None = None
    email: str | None = None


def unsubscribe_token(*, delivery_id: int) -> str:
    """A URL-safe token (digits, letters, '-', '_' and ':'), so it needs no escaping."""
    return signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).sign(str(delivery_id))


def unsubscribe_token_read(token: str) -> UnsubscribeTokenSubject:
    """What `token` names; raises UnsubscribeLinkExpired or UnsubscribeLinkInvalid."""
    try:
        value = signing.TimestampSigner(salt=UNSUBSCRIBE_SALT).unsign(
            token, max_age=UNSUBSCRIBE_TOKEN_MAX_AGE
        )
    except signing.SignatureExpired as error:
        raise UnsubscribeLinkExpired from error
    except signing.BadSignature:
        return _legacy_token_read(token)
    if not (value.isascii() and value.isdigit()):  # never, as we signed it; but an id it must be
        raise UnsubscribeLinkInvalid
    return UnsubscribeTokenSubject(delivery_id=int(value))


def _legacy_token_read(token: str) -> UnsubscribeTokenSubject:
    try:
        data = signing.loads(token, salt=LEGACY_UNSUBSCRIBE_SALT, max_age=UNSUBSCRIBE_TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise UnsubscribeLinkExpired from error
    except signing.BadSignature as error:
        raise UnsubscribeLinkInvalid from error
    try:
        return UnsubscribeTokenSubject(organization_id=int(data["o"]), email=str(data["e"]))
    except (TypeError, KeyError, ValueError) as error:
        raise UnsubscribeLinkInvalid from error
