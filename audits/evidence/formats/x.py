"""X (Twitter) exports: the account archive's tweets, and the two analytics CSVs.

**Account archive** (`data/tweets.js`, `data/tweet.js` before 2022, also `tweets-part1.js`…):
`window.YTD.tweets.part0 = [ {"tweet": {...}}, ... ]`. It holds every tweet of the account:
- "RT @someone: …" is a retweet (RESHARE): the archive's `retweeted` flag is not reliable.
- A reply (`in_reply_to_status_id_str`) to another account is a REPLY; to the account itself (a
  thread) it is ORIGINAL. tweets.js does not name its account (manifest.js does: `account=`, or
  `account_from_manifest`), so the reader reads the file twice: first the ids, then the tweets.
  A reply whose answered tweet is in the file is the account's thread, and it also tells the
  account's id and handle; a reply to the account's id (a deleted tweet of its own) too.
- A quote: `quoted_status_id_str` / `quoted_status_permalink`, or a link to a tweet
  (x.com/…/status/…) of another account. Links to tweets are never counted as links.
- Links: `entities.urls[].expanded_url` (never t.co). Media: `entities.media` /
  `extended_entities.media`. Polls are not in the archive: `is_poll` is None.
- Reply delay: from the two ids (X ids carry their creation time).

**Legacy analytics "tweet activity" CSV** (`tweet_activity_metrics_<handle>_<from>_<to>_<lang>.csv`,
columns "Tweet id", "Tweet permalink", "Tweet text", "time", metrics…): the headers follow the
export's language, so the four columns are found by their English names or else by their
place (the first four). It leaves pure retweets out. A text beginning "@someone" is a REPLY
to someone (ORIGINAL when that is the account itself, named by the permalink); but a thread
continuation that still begins with the people the thread answered counts as a reply too, as
the file does not tell them apart. Its text has only t.co short links (which may be a photo
or a quoted tweet): links, media and quotes are unknown (`extra`), polls too.

**Analytics content CSV** (`account_analytics_content_<from>_<to>.csv`, columns "Post id",
"Date", "Post text", "Post Link", metrics…): read the same way. "Date" is a day ("Tue, Oct 01,
2024", or ISO); the time comes from the post id when the id's day agrees with it (X ids carry
their creation time), else the day at noon UTC.
"""

import csv
import html
import re
import tempfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import BinaryIO, TextIO

from .base import ORIGINAL, QUOTE, REPLY, RESHARE, EvidenceFileError, FormatInfo, ParsedPost
from .ids import reply_delay_seconds, x_id_time
from .jsonstream import CHUNK, JsonStream, Node

NETWORK = "x"

ARCHIVE = FormatInfo(
    code="x_archive",
    label="X account archive (tweets.js)",
    network=NETWORK,
    knows_reshares=True,
    knows_replies=True,
    knows_media=True,
    knows_polls=False,
    extra={"knows_links": True, "knows_quotes": True, "account_named": False},
)
TWEET_ACTIVITY = FormatInfo(
    code="x_tweet_activity",
    label="X analytics tweet activity CSV (tweet_activity_metrics)",
    network=NETWORK,
    knows_reshares=False,
    knows_replies=True,
    knows_media=False,
    knows_polls=False,
    extra={
        "knows_links": False,
        "knows_quotes": False,
        "account_named": True,
        "note": "Pure retweets are left out; links are t.co only; a thread continuation that "
        "begins with @someone counts as a reply.",
    },
)
ACCOUNT_ANALYTICS = FormatInfo(
    code="x_account_analytics",
    label="X analytics content CSV (account_analytics_content)",
    network=NETWORK,
    knows_reshares=False,
    knows_replies=True,
    knows_media=False,
    knows_polls=False,
    extra={
        "knows_links": False,
        "knows_quotes": False,
        "account_named": True,
        "note": "Dates are days: times come from the post ids; links are t.co only.",
    },
)
FORMATS = (ARCHIVE, TWEET_ACTIVITY, ACCOUNT_ANALYTICS)

_ARCHIVE_PREFIX = re.compile(r"\s*window\.YTD\.tweets?\.part\d+\s*=\s*")
_STATUS_LINK = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?:#!/)?([A-Za-z0-9_]+)/status(?:es)?/(\d+)",
    re.IGNORECASE,
)
_SHORT_LINK = re.compile(r"^https?://t\.co/", re.IGNORECASE)
_LEADING_HANDLE = re.compile(r"@([A-Za-z0-9_]{1,50})")
_MONTHS = {
    m: i
    for i, m in enumerate(
        ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1
    )
}
# "Wed Oct 10 20:19:24 +0000 2018"
_ARCHIVE_TIME = re.compile(
    r"^\w{3} (\w{3}) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) ([+-])(\d{2})(\d{2}) (\d{4})$"
)
# "2018-01-30 21:45 +0000" (and, leniently, seconds, a "T", "Z" or no zone: UTC)
_ACTIVITY_TIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?"
    r"\s*(?:(Z|UTC|GMT)|([+-])(\d{2}):?(\d{2}))?$",
    re.IGNORECASE,
)
# "Tue, Oct 01, 2024", "Oct 1, 2024", "1 Oct 2024"
_DAY_MONTH_NAME = re.compile(
    r"^(?:[A-Za-z]+\.?,?\s+)?([A-Za-z]{3})[a-z]*\.?\s+(\d{1,2}),?\s+(\d{4})$"
    r"|^(\d{1,2})\.?\s+([A-Za-z]{3})[a-z]*\.?,?\s+(\d{4})$"
)

HEAD_CHARS = 16 * 1024


# Detection.


def _head_text(head: bytes) -> str | None:
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head) - 3:
            return None  # not UTF-8; a character cut at the end of the head is fine
        return head[: error.start].decode("utf-8-sig")


def looks_like(head: bytes) -> FormatInfo | None:
    """Which X export the first bytes of a file are, if any."""
    text = _head_text(head)
    if text is None:
        return None
    if _ARCHIVE_PREFIX.match(text) and text[_ARCHIVE_PREFIX.match(text).end() :].startswith("["):
        return ARCHIVE
    rows = _first_rows(text[:HEAD_CHARS])
    if not rows:
        return None
    for info in (TWEET_ACTIVITY, ACCOUNT_ANALYTICS):
        if _csv_shape_matches(info, rows):
            return info
    return None


def _first_rows(text: str) -> list[list[str]]:
    """The head's first two complete CSV records (the last line of a head may be cut)."""
    lines = text.splitlines(keepends=True)
    if len(lines) > 1 and not text.endswith(("\n", "\r")):
        lines = lines[:-1]
    try:
        return list(_take(csv.reader(lines), 2))
    except csv.Error:
        return []


def _take(rows, count: int):
    for i, row in enumerate(rows):
        if i >= count:
            return
        yield row


# The CSVs' columns: (field, English names, place).
_COLUMNS = {
    TWEET_ACTIVITY.code: (
        ("id", ("tweet id",), 0),
        ("permalink", ("tweet permalink",), 1),
        ("text", ("tweet text",), 2),
        ("time", ("time",), 3),
    ),
    ACCOUNT_ANALYTICS.code: (
        ("id", ("post id",), 0),
        ("date", ("date",), 1),
        ("text", ("post text",), 2),
        ("permalink", ("post link",), 3),
    ),
}
_ORDINALS = ("1st", "2nd", "3rd", "4th")


def _csv_shape_matches(info: FormatInfo, rows: list[list[str]]) -> bool:
    header = [cell.strip().casefold() for cell in rows[0]]
    columns = _COLUMNS[info.code]
    if all(names[0] in header for _, names, _ in columns):
        return True
    # Another language: the first data row shows the shape (an id, and its own status link).
    if len(rows) < 2 or len(rows[1]) < 4 or len(header) < 4:
        return False
    place = {field: where for field, _, where in columns}
    row = rows[1]
    post_id = row[place["id"]].strip()
    link = _STATUS_LINK.match(row[place["permalink"]].strip())
    return post_id.isdigit() and link is not None and link.group(2) == post_id


# Reading.


def read(
    stream: BinaryIO | TextIO,
    *,
    info: FormatInfo | None = None,
    name: str = "",
    timezone: str | None = None,
    mapping: dict | None = None,
    account: str | None = None,
) -> Iterator[ParsedPost]:
    """The posts of any X export; without `info` the stream must be seekable (it is sniffed)."""
    if info is None:
        start = stream.read(HEAD_CHARS)
        stream.seek(0)
        info = looks_like(start.encode() if isinstance(start, str) else start)
        if info is None:
            raise EvidenceFileError(f"{name or 'the file'}: not an X export.")
    if info == ARCHIVE:
        return read_archive(stream, name=name, account=account)
    return read_analytics_csv(stream, info=info, name=name)


def account_from_manifest(stream: BinaryIO | TextIO, *, name: str = "manifest.js") -> str:
    """The account's handle from the archive's `data/manifest.js` ("" if it has none)."""
    json = JsonStream(stream, name)
    if not json.skip_prefix(re.compile(r"\s*window\.__THAR_CONFIG\s*=\s*")):
        raise json.error("not an X archive's manifest.js")
    config = Node(json.value(), "", name=name)
    return config["userInfo"]["userName"].text()


def _items(stream: BinaryIO | TextIO, name: str) -> Iterator[Node]:
    """The archive's tweets, one at a time, each with its place."""
    json = JsonStream(stream, name)
    if not json.skip_prefix(_ARCHIVE_PREFIX):
        raise json.error("expected 'window.YTD.tweets.part0 = [' (an X archive's tweets.js)")
    for index, line in json.items():
        item = Node(json.value(), f"[{index}]", name=name, line=line)
        if not isinstance(item.value, dict):
            raise item.fail("not a tweet")
        yield item["tweet"] if "tweet" in item.value else item
    json.finish(allowed=";")


def _seekable(stream: BinaryIO | TextIO):
    """The stream and where it starts, copied to a temporary file when it cannot be re-read."""
    try:
        if stream.seekable():
            return stream, stream.tell()
    except (AttributeError, OSError):
        pass
    spool = tempfile.SpooledTemporaryFile(max_size=16 * 1024 * 1024)  # noqa: SIM115
    while chunk := stream.read(CHUNK):
        spool.write(chunk.encode("utf-8") if isinstance(chunk, str) else chunk)
    spool.seek(0)
    return spool, 0


def read_archive(
    stream: BinaryIO | TextIO, *, name: str = "tweets.js", account: str | None = None
) -> Iterator[ParsedPost]:
    """The tweets of an X account archive's tweets.js, in file order."""
    stream, start = _seekable(stream)
    own_ids: set[int] = set()
    replies: list[tuple[int, str, str]] = []
    for tweet in _items(stream, name):
        own_ids.add(int(_tweet_id(tweet)))
        parent = tweet["in_reply_to_status_id_str"].text()
        if parent.isdigit():
            user = tweet["in_reply_to_user_id_str"].text()
            replies.append((int(parent), user, tweet["in_reply_to_screen_name"].text()))
    account_id, handle = _account(own_ids, replies, account)
    stream.seek(start)
    for tweet in _items(stream, name):
        yield _tweet(tweet, own_ids=own_ids, account_id=account_id, handle=handle)


def _account(
    own_ids: set[int], replies: list[tuple[int, str, str]], account: str | None
) -> tuple[str, str]:
    """The account's (id, handle): from a reply in its own thread, or from the handle given."""
    wanted = (account or "").lstrip("@")
    for parent, user, screen_name in replies:
        if parent in own_ids or (wanted and screen_name.casefold() == wanted.casefold()):
            return user, wanted or screen_name
    return "", wanted


def _tweet_id(tweet: Node) -> str:
    post_id = tweet["id_str"].text() or tweet["id"].text()
    if not post_id.isdigit():
        raise tweet["id_str"].fail("missing" if not post_id else f"not a tweet id ({post_id!r})")
    return post_id


def _archive_time(node: Node) -> datetime:
    text = node.text(required=True)
    match = _ARCHIVE_TIME.match(text.strip())
    month = _MONTHS.get(match.group(1).casefold()) if match else None
    if not match or not month:
        raise node.fail(f"not a date ({text[:40]!r})")
    _, day, hour, minute, second, sign, zone_h, zone_m, year = match.groups()
    try:
        moment = datetime(int(year), month, int(day), int(hour), int(minute), int(second))
    except ValueError:
        raise node.fail(f"not a date ({text[:40]!r})") from None
    offset = timedelta(hours=int(zone_h), minutes=int(zone_m))
    return (moment - (offset if sign == "+" else -offset)).replace(tzinfo=UTC)


def _tweet(tweet: Node, *, own_ids: set[int], account_id: str, handle: str) -> ParsedPost:
    post_id = _tweet_id(tweet)
    published_at = _archive_time(tweet["created_at"])
    text = html.unescape(tweet["full_text"].text() or tweet["text"].text())
    url = f"https://x.com/{handle or 'i/web'}/status/{post_id}"
    common = {"network": NETWORK, "post_id": post_id, "account": handle}
    common.update(published_at=published_at, url=url)
    if text.startswith("RT @"):
        return ParsedPost(kind=RESHARE, has_media=False, **common)

    entities = tweet["entities"].obj()
    media = tweet["extended_entities"].obj()["media"].children() or entities["media"].children()
    links, quoted = [], []
    for link in entities["urls"].children():
        expanded = link["expanded_url"].text() or link["url"].text()
        status = _STATUS_LINK.match(expanded)
        if status:
            quoted.append((status.group(1), status.group(2)))
        elif expanded and not _SHORT_LINK.match(expanded):
            links.append(expanded)
    quoted_id = tweet["quoted_status_id_str"].text()
    permalink = tweet["quoted_status_permalink"].obj()["expanded"].text()
    if permalink and _STATUS_LINK.match(permalink):
        quoted.append(_STATUS_LINK.match(permalink).groups())
    elif quoted_id.isdigit():
        quoted.append(("", quoted_id))

    def own(user: str, user_id: str, status_id: str) -> bool:
        if status_id.isdigit() and int(status_id) in own_ids:
            return True
        if account_id and user_id == account_id:
            return True
        return bool(handle and user and user.casefold() == handle.casefold())

    parent = tweet["in_reply_to_status_id_str"].text()
    parent_user = tweet["in_reply_to_screen_name"].text()
    kind = ORIGINAL
    delay = None
    if parent and not own(parent_user, tweet["in_reply_to_user_id_str"].text(), parent):
        kind = REPLY
        delay = reply_delay_seconds(
            x_id_time(post_id) or published_at, x_id_time(parent) if parent.isdigit() else None
        )
    elif any(not own(user, "", status_id) for user, status_id in quoted):
        kind = QUOTE
    return ParsedPost(
        kind=kind,
        text=text,
        links=tuple(dict.fromkeys(links)),
        has_media=bool(media),
        in_reply_to_id=parent or None,
        in_reply_to_account=parent_user or None,
        reply_delay_seconds=delay,
        **common,
    )


# The analytics CSVs.


def _lines(stream: BinaryIO | TextIO) -> Iterator[str]:
    """The stream's lines as text, decoded one by one so that a bad byte names its row."""
    for number, line in enumerate(stream):
        if isinstance(line, bytes):
            line = line.decode("utf-8")
        yield line.removeprefix("\ufeff") if number == 0 else line


def _csv_rows(stream: BinaryIO | TextIO, name: str) -> Iterator[tuple[int, list[str]]]:
    """(row number, cells) of a CSV, the header being row 1, as a spreadsheet numbers them."""
    number = 0
    try:
        for number, row in enumerate(csv.reader(_lines(stream)), 1):  # noqa: B007
            yield number, row
    except UnicodeDecodeError:
        raise EvidenceFileError(
            f"{name}: row {number + 1}: not UTF-8 text (was the file saved in another encoding?)"
        ) from None
    except csv.Error as error:
        raise EvidenceFileError(f"{name}: row {number + 1}: {error}") from None


def _columns(info: FormatInfo, header: list[str], name: str) -> dict[str, tuple[int, str]]:
    """Where each needed column is: {field: (index, its name in the file)}."""
    folded = [cell.strip().casefold() for cell in header]
    spec = _COLUMNS[info.code]
    every_name = {n for _, names, _ in spec for n in names}
    found = {}
    for field, names, place in spec:
        index = next((folded.index(n) for n in names if n in folded), None)
        if index is None and place < len(folded) and folded[place] not in every_name:
            index = place  # another language: the column in its usual place
        if index is None:
            raise EvidenceFileError(
                f'{name}: row 1: no column "{names[0].capitalize()}" (the {_ORDINALS[place]} '
                f"column of an {info.label}); the header has: {', '.join(header[:8])}"
            )
        found[field] = (index, header[index].strip())
    return found


def read_analytics_csv(
    stream: BinaryIO | TextIO, *, info: FormatInfo = TWEET_ACTIVITY, name: str = ""
) -> Iterator[ParsedPost]:
    """The posts of an X analytics CSV (tweet activity, or account analytics content)."""
    name = name or "the file"
    rows = _csv_rows(stream, name)
    header = next((row for _, row in rows if any(cell.strip() for cell in row)), None)
    if header is None:
        return
    columns = _columns(info, header, name)
    for number, row in rows:
        if not any(cell.strip() for cell in row):
            continue

        def cell(field: str, *, number=number, row=row) -> tuple[str, str]:
            index, title = columns[field]
            if index >= len(row):
                raise EvidenceFileError(f'{name}: row {number}, column "{title}": missing')
            return row[index].strip(), f'{name}: row {number}, column "{title}"'

        post_id, where = cell("id")
        if not post_id.isdigit():
            raise EvidenceFileError(f"{where}: not a post id ({post_id[:40]!r})")
        permalink, _ = cell("permalink")
        link = _STATUS_LINK.match(permalink)
        account = link.group(1) if link and link.group(1).casefold() != "i" else ""
        if info == TWEET_ACTIVITY:
            published_at = _activity_time(*cell("time"))
        else:
            published_at = _content_time(post_id, *cell("date"))
        text = html.unescape(cell("text")[0])
        kind, replied = _kind_from_text(text, account)
        yield ParsedPost(
            network=NETWORK,
            post_id=post_id,
            account=account,
            published_at=published_at,
            kind=kind,
            text="" if kind == RESHARE else text,
            in_reply_to_account=replied,
            url=permalink or f"https://x.com/i/web/status/{post_id}",
        )


def _kind_from_text(text: str, account: str) -> tuple[str, str | None]:
    if text.startswith("RT @"):
        return RESHARE, None
    first = _LEADING_HANDLE.match(text)
    if not first:
        return ORIGINAL, None  # ".@someone …" is the old way of mentioning without replying
    handle = first.group(1)
    if account and handle.casefold() == account.casefold():
        return ORIGINAL, None
    return REPLY, handle


def _activity_time(value: str, where: str) -> datetime:
    match = _ACTIVITY_TIME.match(value)
    if not match:
        raise EvidenceFileError(f"{where}: not a date ({value[:40]!r})")
    year, month, day, hour, minute, second, _, sign, zone_h, zone_m = match.groups()
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second or 0))
    except ValueError:
        raise EvidenceFileError(f"{where}: not a date ({value[:40]!r})") from None
    if sign:
        offset = timedelta(hours=int(zone_h), minutes=int(zone_m))
        moment -= offset if sign == "+" else -offset
    return moment.replace(tzinfo=UTC)


def _content_time(post_id: str, value: str, where: str) -> datetime:
    """The post's moment: the id's, when it falls on the day the file gives (give or take the
    time zones), else that day at noon UTC."""
    day = _day(value)
    if day is None:
        raise EvidenceFileError(f"{where}: not a date ({value[:40]!r})")
    from_id = x_id_time(post_id)
    noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    if from_id is not None and abs(from_id - noon) <= timedelta(hours=26):
        return from_id
    if isinstance(day, datetime):
        return day
    return noon


def _day(value: str):
    text = value.strip()
    try:
        moment = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        pass
    else:
        if len(text) <= 10:
            return moment.date()
        return (moment if moment.tzinfo else moment.replace(tzinfo=UTC)).astimezone(UTC)
    match = _DAY_MONTH_NAME.match(text)
    if not match:
        return None
    month_name, day, year = match.group(1, 2, 3) if match.group(1) else match.group(5, 4, 6)
    month = _MONTHS.get(month_name.casefold())
    if not month:
        return None
    try:
        return datetime(int(year), month, int(day)).date()
    except ValueError:
        return None
