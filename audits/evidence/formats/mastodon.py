"""Mastodon exports: the account archive's outbox, a public outbox, and the API's status lists.

**Outbox** (`outbox.json` of the account archive: an ActivityPub `OrderedCollection` whose
`orderedItems` are activities; or the same activities as a bare JSON array, as a public outbox
fetched page by page gives them; or several such pages one after another). A `Create` of a Note
(a `Question` is a poll) is a post; an `Announce` (its object is the boosted post's address) is
a boost: RESHARE, with no text, links or media of its own. Other activities (likes, follows,
deletions) are not posts and are passed over, and so are direct messages (addressed neither
to the public nor to the followers): the audit looks at outreach, not private mail.

**Statuses** (a JSON array of `/api/v1/accounts/:id/statuses`, or several such pages one
after another): `reblog` set is a boost; `poll` set a poll.

Both: a reply (`inReplyTo`, `in_reply_to_id`) to another account is a REPLY; to the account
itself (a thread) it is ORIGINAL. A quote (Mastodon 4.4 `quote`, also `quoteUri`,
`_misskey_quote`) of another account's post is a QUOTE. The account is `name@server`, from the
actor's address (https://server/users/name) or the status's `account`. Links are the addresses
the post's HTML points to, less mentions and hashtags. Photo or video: an image, video or gifv
attachment. The post's id is its ActivityPub address (the `uri` of a status), the same in
all three files, so overlapping exports do not duplicate it. Mastodon ids carry their creation
time (milliseconds = id >> 16), so a reply's delay is measured from its id and the answered
post's id, when that post is on a Mastodon server (other software's ids carry no time).
"""

import re
from collections.abc import Iterator
from datetime import datetime
from html.parser import HTMLParser
from typing import BinaryIO, TextIO
from urllib.parse import urlsplit

from .base import ORIGINAL, QUOTE, REPLY, RESHARE, EvidenceFileError, FormatInfo, ParsedPost
from .ids import mastodon_id_time, reply_delay_seconds
from .jsonstream import JsonStream, Node

NETWORK = "mastodon"

OUTBOX = FormatInfo(
    code="mastodon_outbox",
    label="Mastodon outbox (outbox.json)",
    network=NETWORK,
    knows_reshares=True,
    knows_replies=True,
    knows_media=True,
    knows_polls=True,
    extra={"knows_links": True, "knows_quotes": True, "account_named": True},
)
STATUSES = FormatInfo(
    code="mastodon_statuses",
    label="Mastodon statuses (API /api/v1/accounts/:id/statuses)",
    network=NETWORK,
    knows_reshares=True,
    knows_replies=True,
    knows_media=True,
    knows_polls=True,
    extra={"knows_links": True, "knows_quotes": True, "account_named": True},
)
FORMATS = (OUTBOX, STATUSES)

_PUBLIC = {"https://www.w3.org/ns/activitystreams#Public", "as:Public", "Public"}
_POST_TYPES = {"Note", "Question", "Article", "Page", "Image", "Video", "Audio", "Event"}
_ACTIVITY = re.compile(r'"type"\s*:\s*"(?:Create|Announce)"')
_OUTBOX_COLLECTION = re.compile(
    r'"type"\s*:\s*"OrderedCollection(?:Page)?".*"(?:id|partOf)"\s*:\s*"[^"]*outbox[^"]*"'
    r'|"(?:id|partOf)"\s*:\s*"[^"]*outbox[^"]*".*"type"\s*:\s*"OrderedCollection(?:Page)?"',
    re.DOTALL,
)
_STATUS = re.compile(r'"in_reply_to_account_id"\s*:|"media_attachments"\s*:')
# A status's address on a Mastodon server: https://server/users/name/statuses/123…, or
# https://server/@name/123…
_STATUS_URL = re.compile(r"^https?://([^/]+)/(?:users/([^/]+)/statuses|@([^/]+))/(\d+)(?:/|$)")


# Detection.


def looks_like(head: bytes) -> FormatInfo | None:
    """Which Mastodon export the first bytes of a file are, if any."""
    try:
        text = head[:65536].decode("utf-8-sig", errors="strict")
    except UnicodeDecodeError as error:
        if error.start < len(head[:65536]) - 3:
            return None
        text = head[: error.start].decode("utf-8-sig")
    start = text.lstrip()[:1]
    if start not in ("{", "["):
        return None
    if _ACTIVITY.search(text) and '"actor"' in text:
        return OUTBOX
    if start == "{" and _OUTBOX_COLLECTION.search(text):
        return OUTBOX  # an empty outbox, or one whose first item is longer than the head
    if start == "[" and _STATUS.search(text) and '"created_at"' in text and '"account"' in text:
        return STATUSES
    return None


# Reading.


def read(
    stream: BinaryIO | TextIO,
    *,
    info: FormatInfo | None = None,
    name: str = "",
    timezone: str | None = None,
    mapping: dict | None = None,
) -> Iterator[ParsedPost]:
    """The posts of an outbox or a status list (told apart by their items), in file order."""
    name = name or "the file"
    json = JsonStream(stream, name)
    if json.at_end():
        return
    while not json.at_end():
        if json.peek() == "{":
            yield from _collection(json, name, "")
        elif json.peek() == "[":
            yield from _array(json, name, "")
        else:
            raise json.error("expected a Mastodon outbox or a list of statuses")


def _collection(json: JsonStream, name: str, path: str) -> Iterator[ParsedPost]:
    """An OrderedCollection (or one of its pages): its `orderedItems` are streamed."""
    seen_items = False
    for key in json.members():
        if key in ("orderedItems", "items"):
            seen_items = True
            yield from _array(json, name, f"{path}{'.' if path else ''}{key}")
        elif key == "first" and json.peek() == "{":
            seen_items = True
            first = Node(json.value(), f"{path}{'.' if path else ''}first", name=name)
            for item in first["orderedItems"].children():
                yield from _item(item)
        else:
            json.value()
    if not seen_items:
        raise EvidenceFileError(
            f"{name}: {path or 'the data'}: no orderedItems: not a Mastodon outbox"
        )


def _array(json: JsonStream, name: str, path: str) -> Iterator[ParsedPost]:
    for index, line in json.items():
        item = Node(json.value(), f"{path}[{index}]", name=name, line=line)
        if isinstance(item.value, dict) and "orderedItems" in item.value:
            for activity in item["orderedItems"].children():  # a page among pages
                yield from _item(activity)
        else:
            yield from _item(item)


def _item(item: Node) -> Iterator[ParsedPost]:
    if not isinstance(item.value, dict):
        raise item.fail("not an activity or a status")
    if "type" in item.value:
        post = _activity(item)
    elif "created_at" in item.value:
        post = _status(item)
    else:
        raise item.fail("not an activity or a status (no type, no created_at)")
    if post is not None:
        yield post


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def account_of(url: str) -> str:
    """An actor's or a post's address as "name@server" ("" when it names no account)."""
    status = _STATUS_URL.match(url or "")
    if status:
        return f"{status.group(2) or status.group(3)}@{status.group(1).lower()}"
    host = _host(url)
    path = [p for p in urlsplit(url).path.split("/") if p] if host else []
    if len(path) >= 2 and path[0] in ("users", "u", "accounts", "profile"):
        return f"{path[1]}@{host}"
    if path and path[0].startswith("@"):
        return f"{path[0][1:]}@{host}"
    return ""


def _address(node: Node) -> str:
    """An ActivityPub reference: a URL, or an object with an `id` or `href`."""
    if isinstance(node.value, dict):
        return node["id"].text() or node["href"].text()
    if isinstance(node.value, list):
        return _address(node[0]) if node.value else ""
    return node.text()


def _audience(node: Node) -> set[str]:
    found = set()
    for key in ("to", "cc"):
        value = node[key].value
        found.update(value if isinstance(value, list) else [value] if value else [])
    return {v for v in found if isinstance(v, str)}


def _activity(item: Node) -> ParsedPost | None:
    kind_of_activity = item["type"].text()
    if kind_of_activity not in ("Create", "Announce"):
        return None  # likes, follows, updates, deletions: not posts
    actor = _address(item["actor"])
    account = account_of(actor)
    obj = item["object"]
    if kind_of_activity == "Announce":
        if not _is_broadcast(item, actor):
            return None
        return ParsedPost(
            network=NETWORK,
            post_id=item["id"].text(required=True),
            account=account,
            published_at=item["published"].iso_time(),
            kind=RESHARE,
            has_media=False,
            is_poll=False,
            is_event=False,
        )
    if not isinstance(obj.value, dict):
        raise obj.fail("only an address: the post itself is not in the file")
    object_type = obj["type"].text()
    if object_type not in _POST_TYPES:
        return None
    if not _is_broadcast(obj, actor) and not _is_broadcast(item, actor):
        return None  # a direct message
    post_id = obj["id"].text(required=True)
    published_at = (obj["published"] if obj["published"] else item["published"]).iso_time()
    content = _Html.read(obj["content"].text())
    parent = _address(obj["inReplyTo"])
    own_prefix = actor.rstrip("/") + "/"
    own_parent = bool(parent) and (
        parent.startswith(own_prefix) or (account and account_of(parent) == account)
    )
    quoted = _address(obj["quote"]) or obj["quoteUri"].text() or obj["_misskey_quote"].text()
    quoted = quoted or obj["quoteUrl"].text()
    kind = ORIGINAL
    delay = None
    if parent and not own_parent:
        kind = REPLY
        delay = _delay(post_id, published_at, parent)
    elif quoted and not quoted.startswith(own_prefix) and account_of(quoted) != account:
        kind = QUOTE
    media = [a for a in obj["attachment"].children() if _is_photo_or_video(a)]
    return ParsedPost(
        network=NETWORK,
        post_id=post_id,
        account=account,
        published_at=published_at,
        kind=kind,
        text=content.text,
        links=tuple(link for link in content.links if link not in (quoted, parent)),
        has_media=bool(media),
        is_poll=object_type == "Question",
        is_event=object_type == "Event",
        in_reply_to_id=parent or None,
        in_reply_to_account=account_of(parent) or None if parent else None,
        reply_delay_seconds=delay,
        url=_address(obj["url"]) or post_id,
    )


def _is_broadcast(node: Node, actor: str) -> bool:
    """Addressed to the public or to the followers (public, unlisted, followers-only)."""
    audience = _audience(node)
    if not audience:
        return True  # a server that does not say: not a direct message that we know of
    followers = actor.rstrip("/") + "/followers"
    return bool(audience & _PUBLIC) or followers in audience


def _is_photo_or_video(attachment: Node) -> bool:
    media_type = attachment["mediaType"].text().lower()
    kind = attachment["type"].text().lower()
    return media_type.startswith(("image/", "video/")) or kind in ("image", "video", "gifv")


def _delay(post_id: str, published_at: datetime, parent: str) -> int | None:
    own = _STATUS_URL.match(post_id)
    answered = _STATUS_URL.match(parent)
    own_time = mastodon_id_time(own.group(4)) if own else None
    return reply_delay_seconds(
        own_time or published_at, mastodon_id_time(answered.group(4)) if answered else None
    )


def _status(item: Node) -> ParsedPost | None:
    if item["visibility"].text() == "direct":
        return None
    author = item["account"].obj(required=True)
    account = _acct(author)
    published_at = item["created_at"].iso_time()
    post_id = item["uri"].text() or item["url"].text() or item["id"].text(required=True)
    common = {"network": NETWORK, "post_id": post_id, "account": account}
    if item["reblog"].value is not None:
        return ParsedPost(
            kind=RESHARE,
            published_at=published_at,
            has_media=False,
            is_poll=False,
            is_event=False,
            **common,
        )
    content = _Html.read(item["content"].text())
    parent_id = item["in_reply_to_id"].text()
    parent_account = item["in_reply_to_account_id"].text()
    kind = ORIGINAL
    delay = None
    replied = None
    if parent_id and parent_account != author["id"].text():
        kind = REPLY
        delay = reply_delay_seconds(
            mastodon_id_time(item["id"].text()) or published_at, mastodon_id_time(parent_id)
        )
        for mention in item["mentions"].children():
            if mention["id"].text() == parent_account:
                replied = _acct(mention, home=_host(author["url"].text()))
    elif _quotes_another(item["quote"], author["id"].text()):
        kind = QUOTE
    media = item["media_attachments"].children()
    return ParsedPost(
        kind=kind,
        published_at=published_at,
        text=content.text,
        links=tuple(content.links),
        has_media=any(m["type"].text() in ("image", "gifv", "video") for m in media),
        is_poll=item["poll"].value is not None,
        is_event=False,
        in_reply_to_id=parent_id or None,
        in_reply_to_account=replied,
        reply_delay_seconds=delay,
        url=item["url"].text(),
        **common,
    )


def _quotes_another(quote: Node, own_id: str) -> bool:
    """Mastodon 4.4's `quote`: {state, quoted_status: {…, account: {id}}} or {state,
    quoted_status_id}; a quote of one's own post is not a quote of someone else's."""
    if not isinstance(quote.value, dict):
        return False
    if quote["state"].text() not in ("", "accepted"):
        return False
    quoted = quote["quoted_status"]
    if isinstance(quoted.value, dict):
        return quoted["account"]["id"].text() != own_id
    return bool(quote["quoted_status_id"].text())


def _acct(account: Node, *, home: str = "") -> str:
    """An account's "name@server": `acct` is relative to the server that answered."""
    acct = account["acct"].text() or account["username"].text()
    if "@" in acct:
        return acct
    server = _host(account["url"].text()) or home
    if not acct:
        raise account["acct"].fail("missing")
    return f"{acct}@{server}" if server else acct


class _Html(HTMLParser):
    """A post's HTML as plain text, and the addresses it links to (not mentions, hashtags)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []

    @classmethod
    def read(cls, content: str) -> "_Html":
        parser = cls()
        parser.feed(content)
        parser.close()
        parser.links = list(dict.fromkeys(parser.links))
        return parser

    @property
    def text(self) -> str:
        return re.sub(r"\n{3,}", "\n\n", "".join(self.parts)).strip()

    def handle_starttag(self, tag, attrs):
        if tag == "br":
            self.parts.append("\n")
        elif tag == "p" and self.parts:
            self.parts.append("\n\n")
        elif tag == "a":
            attributes = dict(attrs)
            href = attributes.get("href") or ""
            classes = (attributes.get("class") or "").split()
            rel = (attributes.get("rel") or "").split()
            if not href.startswith(("http://", "https://")):
                return
            if {"mention", "hashtag", "u-url"} & set(classes) or "tag" in rel:
                return
            if re.search(r"/tags/[^/]+/?$", href):
                return  # a hashtag's page on some server
            self.links.append(href)

    def handle_data(self, data):
        self.parts.append(data)
