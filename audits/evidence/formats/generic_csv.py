"""Any other tool's CSV: a scheduler's export, a scrape, a spreadsheet kept by hand.

Such a file has a post per row, but its columns are the tool's own, so the person names them
once (the `mapping`, remembered per channel): {"date": column, "text": column, "link": the
post's own address (optional), "author": who posted it (optional), "id": the post's id
(optional), "kind": a column saying original / reply / repost (optional), "account": the
account that published it (optional)}, plus "date_format" (a strftime pattern, for dates the
usual shapes do not cover, such as day-first "%d/%m/%Y %H:%M") and "network" (one of
base.NETWORKS, "other" when not told). Without a mapping, `suggest_mapping` proposes one from
common column names, and `read` uses it when it finds the date and the text, and asks for the
mapping otherwise.

What such a file shows, and how it is read:
- post_id: the id column; else the network's own id where the post's address shows it (an X
  status id, a LinkedIn URN, as the networks' own exports give them, so the same post imported
  from the network's export and from the tool's does not count twice); else the address; else
  a stable hash of the post's moment and text, so that overlapping exports of the same tool
  still de-duplicate.
- account: the account column; else the account the post's address names (X, Mastodon,
  Bluesky addresses do: "https://twitter.com/GenV_Eng/status/…" is GenV_Eng); else none.
- kind: UNKNOWN, because a scheduler's export does not say whether a post answers someone or
  passes a post on, unless a mapped kind column says so ("repost", "Acme reposted this",
  "retweet", "boost" are re-shares, "quote" a quote, "reply" or "comment" a reply, "post" or
  "original" an original). On X data (the network is "x", or the address is an X status) a
  text beginning "RT @" is a re-share: it is the form X itself gives a retweet's text; a text
  beginning with "@" is left unknown, since a mention can open an original post as well.
- links: the web addresses in the text (never the networks' short links, see csvtools);
  media, polls and events are unknown.
"""

import re
from collections.abc import Iterator

from .base import NETWORKS, ORIGINAL, QUOTE, REPLY, RESHARE, UNKNOWN, FormatInfo, ParsedPost
from .csvtools import (
    CsvTable,
    account_from_url,
    cell_datetime,
    content_id,
    file_error,
    find_column,
    links_in,
    post_id_from_url,
    sniff_header,
    x_status,
)

GENERIC = FormatInfo(
    code="generic_csv",
    label="Another tool's CSV (columns named once)",
    network="other",
    knows_reshares=False,
    knows_replies=False,
    knows_media=False,
    knows_polls=False,
    extra={
        "needs_mapping": True,
        "knows_quotes": False,
        "account_named": False,  # only where a post's address names it (X, Mastodon, Bluesky)
        "note": "Kinds are unknown unless a column says them; media and polls are unknown.",
    },
)
FORMATS = (GENERIC,)

REQUIRED = ("date", "text")
COLUMN_FIELDS = ("date", "text", "link", "author", "id", "kind", "account")
# Common names of each column, the likeliest first. "postTimestamp" comes before "timestamp" and
# "postDate": a scrape's "timestamp" is when it was scraped and its "postDate" reads "9mo".
COMMON_NAMES = {
    "date": (
        "Date",
        "Created date",
        "Publish time",
        "Published time",
        "Published at",
        "Publish date",
        "Published date",
        "Post date",
        "Posted at",
        "Posted on",
        "Created at",
        "postTimestamp",
        "Date created",
        "Datetime",
        "time",
        "timestamp",
    ),
    "text": (
        "Content",
        "Text",
        "Post text",
        "postContent",
        "Post content",
        "Message",
        "Description",
        "Caption",
        "Body",
        "Tweet text",
        "Post",
    ),
    "link": (
        "Url",
        "Link",
        "Permalink",
        "Post url",
        "postUrl",
        "Post link",
        "Post permalink",
        "Tweet permalink",
    ),
    "author": ("Created by", "Author", "Posted by", "Published by", "Creator", "User"),
    "id": ("Post id", "Id", "Tweet id", "Status id"),
}
# "Date", "Publish time", "postTimestamp", but not "Update" or "Timezone".
_DATE_WORD = re.compile(r"(?i:\b(date|time|timestamp)\b)|(?<=[a-z])(Date|Time|Timestamp)\b")

RESHARE_WORDS = {
    *("repost", "reposted", "reposts", "reshare", "reshared", "re-share", "re-shared"),
    *("retweet", "retweeted", "rt", "boost", "boosted", "reblog", "reblogged", "shared"),
}
REPLY_WORDS = {"reply", "replied", "replies", "comment", "commented", "answer", "answered"}
ORIGINAL_WORDS = {
    *("post", "posted", "original", "tweet", "tweeted", "toot", "tooted", "status", "update"),
}


def looks_like(head: bytes) -> FormatInfo | None:
    """Any CSV with a header of at least two named columns (the reader of last resort)."""
    return GENERIC if sniff_header(head) is not None else None


def suggest_mapping(header: list[str]) -> dict:
    """A proposed mapping from the columns' names ({} of what is not found); the person
    confirms or corrects it."""
    mapping = {}
    for what, names in COMMON_NAMES.items():
        column = find_column(header, *names)
        if column is not None and column not in mapping.values():
            mapping[what] = column
    if "date" not in mapping:  # a lone column named like a date is the likeliest one
        dated = [c for c in header if _DATE_WORD.search(c)]
        if len(dated) == 1:
            mapping["date"] = dated[0]
    return mapping


def kind_from_words(value: str) -> str:
    """The kind a kind column's cell names ("Repost", "Acme reposted this", "reply"); UNKNOWN
    for a cell that names none ("Image")."""
    words = set(re.findall(r"[a-z]+(?:-[a-z]+)?", value.casefold()))
    if words & {"quote", "quoted"}:
        return QUOTE
    if words & RESHARE_WORDS:
        return RESHARE
    if words & REPLY_WORDS:
        return REPLY
    if words & ORIGINAL_WORDS:
        return ORIGINAL
    return UNKNOWN


def _columns(table: CsvTable, mapping: dict | None) -> dict[str, str]:
    """The table's spelling of each mapped column, refusing a mapping that does not fit."""
    given = mapping is not None
    mapping = dict(mapping) if given else suggest_mapping(table.header)
    columns = {}
    for what in COLUMN_FIELDS:
        wanted = (mapping.get(what) or "").strip()
        if not wanted:
            continue
        column = table.column(wanted)
        if column is None:
            raise file_error(
                table.name,
                f'the column "{wanted}" named for the {what} is not in this file; its columns '
                f"are: {', '.join(table.header)}. Name the columns again for this file.",
                row=1,
            )
        columns[what] = column
    missing = [what for what in REQUIRED if what not in columns]
    if missing:
        needs = " and ".join(f"the {what}" for what in missing)
        looked = "; ".join(
            f"for the {what}: {', '.join(COMMON_NAMES[what][:4])}" for what in missing
        )
        advice = (
            "Name the columns that hold them."
            if given
            else f"No column has a usual name ({looked}). Name the columns that hold them."
        )
        raise file_error(
            table.name,
            f"the planner needs to know which column holds {needs} of each post. {advice} "
            f"The file's columns are: {', '.join(table.header)}.",
            row=1,
        )
    return columns


def read(
    stream,
    *,
    info: FormatInfo = GENERIC,
    name: str = "",
    timezone: str = "UTC",
    mapping: dict | None = None,
) -> Iterator[ParsedPost]:
    """The posts of a CSV whose columns are named by `mapping`, in file order."""
    network = ((mapping or {}).get("network") or "other").strip().lower()
    if network not in NETWORKS:
        raise file_error(name, f"'{network}' is not a network the planner knows.")
    date_format = ((mapping or {}).get("date_format") or "").strip() or None
    table = CsvTable.open(stream, name=name)
    columns = _columns(table, mapping)
    for row in table:
        published_at = cell_datetime(
            row, columns["date"], timezone=timezone, date_format=date_format
        )
        text = row.get(columns["text"])
        url = row.get(columns.get("link"))
        status = x_status(url)
        post_id = row.get(columns.get("id"))
        if not post_id:
            post_id = post_id_from_url(url) if url else content_id(published_at, text)
        kind = UNKNOWN
        if "kind" in columns:
            kind = kind_from_words(row.get(columns["kind"]))
        if kind == UNKNOWN and text.startswith("RT @") and (network == "x" or status):
            kind = RESHARE
        yield ParsedPost(
            network=network,
            post_id=post_id,
            account=(row.get(columns.get("account")) or account_from_url(url)).lstrip("@"),
            published_at=published_at,
            kind=kind,
            text=text,
            links=links_in(text, own=url),
            has_media=None,
            is_poll=None,
            is_event=None,
            author=row.get(columns.get("author")),
            url=url,
        )
