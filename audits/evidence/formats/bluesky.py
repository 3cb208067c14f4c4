"""Bluesky: pages of `app.bsky.feed.getAuthorFeed` as JSON.

A file holds one page (`{"feed": [...], "cursor": "…"}`), or several: a JSON array of pages,
or pages written one after another (`cat page1.json page2.json`); a bare array of feed items
is read too. A post that comes twice (a pinned post, overlapping pages) is read once.

Each feed item is a post of the account, or, with a `reason` of type
`app.bsky.feed.defs#reasonRepost`, someone's post the account reposted: a RESHARE, at the
moment the repost was seen (`reason.indexedAt`), with no text, links or media of its own. A
repost is a record of its own, but the feed names it only when the person who fetched the feed
is the reposter (`post.viewer.repost`), so its id here is made of what every fetch shows:
"repost:<reposter's DID>:<reposted post's at:// address>" (an account reposts a post once).

A post (`record`) with `reply.parent` is a REPLY when the parent is another account's (its DID
in the parent's at:// address), ORIGINAL when it is the account's own (a thread). An embedded
record (`app.bsky.embed.record`, `recordWithMedia`) that is another account's post is a QUOTE.
Links: the text's link facets and an `app.bsky.embed.external` card. Photo or video: an
`images` or `video` embed. Bluesky has no polls: `is_poll` is False. The time is the record's
`createdAt`; record keys are TIDs that carry their creation time, so a reply's delay is
measured from its key and its parent's. The account is the handle (the DID when the handle is
not valid). A repository CAR file (`com.atproto.sync.getRepo`) is not read: no well-kept
Python library for it is among the project's dependencies, and the feed pages show the same.
"""

import re
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from .base import ORIGINAL, QUOTE, REPLY, RESHARE, FormatInfo, ParsedPost
from .ids import reply_delay_seconds, tid_time
from .jsonstream import JsonStream, Node

NETWORK = "bluesky"

AUTHOR_FEED = FormatInfo(
    code="bluesky_author_feed",
    label="Bluesky author feed (getAuthorFeed JSON)",
    network=NETWORK,
    knows_reshares=True,
    knows_replies=True,
    knows_media=True,
    knows_polls=True,
    extra={
        "knows_links": True,
        "knows_quotes": True,
        "account_named": True,
        "note": "Bluesky has no polls.",
    },
)
FORMATS = (AUTHOR_FEED,)

_REPOST = "app.bsky.feed.defs#reasonRepost"
_AT_URI = re.compile(r"^at://([^/]+)/([^/]+)/([^/?#]+)$")
_POST_COLLECTION = "app.bsky.feed.post"
_MEDIA_EMBEDS = ("app.bsky.embed.images", "app.bsky.embed.video")
_FEED_MARK = re.compile(r'"(?:feed|post)"\s*:')


def looks_like(head: bytes) -> FormatInfo | None:
    """The author feed, if the first bytes of a file are one."""
    try:
        text = head[:65536].decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if error.start < len(head[:65536]) - 3:
            return None
        text = head[: error.start].decode("utf-8-sig")
    if text.lstrip()[:1] not in ("{", "["):
        return None
    if _FEED_MARK.search(text) and '"at://' in text and "app.bsky.feed.post" in text:
        return AUTHOR_FEED
    return None


def read(
    stream: BinaryIO | TextIO,
    *,
    info: FormatInfo | None = None,
    name: str = "",
    timezone: str | None = None,
    mapping: dict | None = None,
) -> Iterator[ParsedPost]:
    """The posts and reposts of getAuthorFeed pages, in file order."""
    name = name or "the file"
    json = JsonStream(stream, name)
    seen: set[str] = set()
    page = 0
    while not json.at_end():
        if json.peek() == "{":
            yield from _page(json, name, "" if page == 0 else f"page {page + 1}, ", seen)
            page += 1
            continue
        for index, line in json.items():
            node = Node(json.value(), f"[{index}]", name=name, line=line)
            if isinstance(node.value, dict) and "feed" in node.value:
                items = node["feed"].children()  # a page among pages
            else:
                items = [node]  # a bare feed item
            for item in items:
                yield from _once(_feed_item(item), seen)


def _page(json: JsonStream, name: str, where: str, seen: set[str]) -> Iterator[ParsedPost]:
    found_feed = False
    for key in json.members():
        if key != "feed":
            json.value()
            continue
        found_feed = True
        for index, line in json.items():
            item = Node(json.value(), f"{where}feed[{index}]", name=name, line=line)
            yield from _once(_feed_item(item), seen)
    if not found_feed:
        raise json.error("no 'feed' in this page: not a Bluesky author feed")


def _once(post: ParsedPost, seen: set[str]) -> Iterator[ParsedPost]:
    if post.post_id not in seen:
        seen.add(post.post_id)
        yield post


def _did(uri: str) -> str:
    match = _AT_URI.match(uri or "")
    return match.group(1) if match else ""


def _handle(author: Node) -> str:
    handle = author["handle"].text()
    if not handle or handle == "handle.invalid":
        return author["did"].text(required=True)
    return handle


def _feed_item(item: Node) -> ParsedPost:
    item.obj(required=True)
    post = item["post"].obj(required=True)
    uri = post["uri"].text(required=True)
    if not _AT_URI.match(uri):
        raise post["uri"].fail(f"not an at:// address ({uri[:60]!r})")
    reason = item["reason"]
    if isinstance(reason.value, dict) and reason["$type"].text() == _REPOST:
        by = reason["by"].obj(required=True)
        return ParsedPost(
            network=NETWORK,
            post_id=f"repost:{by['did'].text(required=True)}:{uri}",
            account=_handle(by),
            published_at=reason["indexedAt"].iso_time(),
            kind=RESHARE,
            has_media=False,
            is_poll=False,
            is_event=False,
        )
    author = post["author"].obj(required=True)
    own_did = author["did"].text() or _did(uri)
    record = post["record"].obj(required=True)
    created = record["createdAt"] if record["createdAt"] else post["indexedAt"]
    published_at = created.iso_time()
    embed = record["embed"]
    parent = record["reply"]["parent"]["uri"].text()
    kind = ORIGINAL
    delay = None
    replied = None
    if parent and _did(parent) != own_did:
        kind = REPLY
        delay = reply_delay_seconds(
            tid_time(_AT_URI.match(uri).group(3)) or published_at, _key_time(parent)
        )
        parent_author = item["reply"]["parent"]["author"]
        replied = parent_author["handle"].text() or _did(parent) or None
    elif _quoted_did(embed) not in ("", own_did):
        kind = QUOTE
    handle = _handle(author)
    return ParsedPost(
        network=NETWORK,
        post_id=uri,
        account=handle,
        published_at=published_at,
        kind=kind,
        text=record["text"].text(),
        links=_links(record),
        has_media=_has_media(embed),
        is_poll=False,
        is_event=False,
        in_reply_to_id=parent or None,
        in_reply_to_account=replied,
        reply_delay_seconds=delay,
        url=f"https://bsky.app/profile/{handle}/post/{_AT_URI.match(uri).group(3)}",
    )


def _key_time(uri: str):
    match = _AT_URI.match(uri)
    return tid_time(match.group(3)) if match else None


def _quoted_did(embed: Node) -> str:
    """The DID of the post an embed quotes ("" when it quotes no post)."""
    kind = embed["$type"].text()
    if kind == "app.bsky.embed.record":
        quoted = embed["record"]["uri"].text()
    elif kind == "app.bsky.embed.recordWithMedia":
        quoted = embed["record"]["record"]["uri"].text()
    else:
        return ""
    match = _AT_URI.match(quoted)
    if not match or match.group(2) != _POST_COLLECTION:
        return ""  # a feed, a list, a starter pack: not a post
    return match.group(1)


def _has_media(embed: Node) -> bool:
    kind = embed["$type"].text()
    if kind == "app.bsky.embed.recordWithMedia":
        kind = embed["media"]["$type"].text()
    return kind in _MEDIA_EMBEDS


def _links(record: Node) -> tuple[str, ...]:
    links = []
    for facet in record["facets"].children():
        for feature in facet["features"].children():
            if feature["$type"].text() == "app.bsky.richtext.facet#link":
                links.append(feature["uri"].text())
    embed = record["embed"]
    if embed["$type"].text() == "app.bsky.embed.recordWithMedia":
        embed = embed["media"]
    if embed["$type"].text() == "app.bsky.embed.external":
        links.append(embed["external"]["uri"].text())
    return tuple(dict.fromkeys(link for link in links if link))
