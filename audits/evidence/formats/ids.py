"""Creation times carried by the networks' post ids, and a reply's delay measured from them.

X ids (Twitter "snowflakes"), Mastodon ids and Bluesky record keys (TIDs) hold the moment the
post was made, so how long after a post its reply came can be measured from the two ids alone,
without the answered post. Each function answers None for an id that does not carry a time
(an X id from before November 2010, a Mastodon id from before 2017 or from other fediverse
software, a record key that is not a TID) rather than a wrong time.
"""

from datetime import UTC, datetime, timedelta

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)

# X: milliseconds since the epoch = (id >> 22) + 1288834974657 (2010-11-04T01:42:54.657Z).
_X_EPOCH_MS = 1288834974657
# Ids issued before the snowflake scheme were sequential numbers below 3e10: decoded, they
# would all land in the first seconds after the scheme's epoch. A day's margin tells them apart.
_X_FIRST_MS = 86_400_000

# Mastodon: milliseconds since the epoch = id >> 16 (since Mastodon 2.0, October 2017; older
# ids are small sequential numbers and decode to 1970).
_MASTODON_FIRST = datetime(2016, 1, 1, tzinfo=UTC)

# Bluesky TIDs: 13 characters of base32-sortable; 64 bits, the top one 0, then 53 bits of
# microseconds since the epoch, then 10 bits of clock id.
_B32_SORTABLE = "234567abcdefghijklmnopqrstuvwxyz"
_B32_VALUE = {c: i for i, c in enumerate(_B32_SORTABLE)}
_BLUESKY_FIRST = datetime(2022, 1, 1, tzinfo=UTC)

_LATEST = datetime(2100, 1, 1, tzinfo=UTC)
# Servers' clocks differ: a reply seemingly made up to this long before its post is taken as
# made at once; earlier than that, the ids are not to be trusted and no delay is given.
_CLOCK_SKEW = timedelta(minutes=2)


def _digits(value) -> int | None:
    text = str(value).strip() if value is not None else ""
    if not text.isascii() or not text.isdigit() or len(text) > 20:
        return None
    return int(text)


def x_id_time(post_id) -> datetime | None:
    """When an X post was made, from its id (a str or int); None for a pre-2010 or bad id."""
    number = _digits(post_id)
    if number is None or number >= 1 << 63:
        return None
    offset_ms = number >> 22
    if offset_ms < _X_FIRST_MS:
        return None
    return _EPOCH + timedelta(milliseconds=offset_ms + _X_EPOCH_MS)


def mastodon_id_time(status_id) -> datetime | None:
    """When a Mastodon status was made, from its id; None for ids that carry no time."""
    number = _digits(status_id)
    if number is None or number >= 1 << 64:
        return None
    moment = _EPOCH + timedelta(milliseconds=number >> 16)
    return moment if _MASTODON_FIRST <= moment < _LATEST else None


def tid_time(record_key: str | None) -> datetime | None:
    """When a Bluesky record was made, from its record key when that is a TID."""
    if not isinstance(record_key, str) or len(record_key) != 13:
        return None
    number = 0
    for char in record_key:
        digit = _B32_VALUE.get(char)
        if digit is None:
            return None
        number = number << 5 | digit
    if number >> 63:
        return None
    moment = _EPOCH + timedelta(microseconds=number >> 10)
    return moment if _BLUESKY_FIRST <= moment < _LATEST else None


def reply_delay_seconds(reply_at: datetime | None, answered_at: datetime | None) -> int | None:
    """Whole seconds from the answered post to its reply; None when either time is missing or
    the reply seems to come well before the post it answers."""
    if reply_at is None or answered_at is None:
        return None
    delay = reply_at - answered_at
    if delay < -_CLOCK_SKEW:
        return None
    return max(0, int(delay.total_seconds()))
