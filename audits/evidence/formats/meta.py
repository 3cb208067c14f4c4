"""Meta Business Suite post exports (Insights > Content > Export data, CSV), Facebook and Instagram.

Instagram's export has `Post ID, Account ID, Account username, Account name, Description,
Duration (secs), Publish time, Permalink, Post type, Data comment, Date, <metrics>`; Facebook's
has `Post ID, Page ID, Page name, Title, Description, Duration (sec), Publish time, ...,
Permalink, ..., Post type, ...`. A row's network is Instagram when its post type says "IG ..."
or its permalink is on instagram.com, Facebook otherwise; a file may hold several accounts
and each row keeps its own.

What the export shows, and how it is read:
- Every row is a post the account published itself: ORIGINAL. Replies (comments) are not
  posts here, and re-shares are not listed, so the format knows neither. The one exception:
  a Facebook export with an "Is share" column marks the page's shares of other posts, read as
  RESHARE.
- "Publish time" is the account's local time without an offset ("06/20/2024 09:03"), read in
  the organization's time zone.
- Media from "Post type": every Instagram post carries a photo or a video; on Facebook, photos,
  videos, reels and albums do, links and status updates do not, any other type is unknown.
  Polls are not shown; an event only where the post type says "Event".
- Links from the web addresses in the description (Meta gives no separate link column).
- A "Post ID" a spreadsheet program has rounded ("1.79E+16") is refused: it no longer names
  the post, and importing it would break de-duplication.
"""

import re
from collections.abc import Iterator

from .base import ORIGINAL, RESHARE, FormatInfo, ParsedPost
from .csvtools import CsvTable, cell_datetime, column_key, host_of, links_in, sniff_header

INSTAGRAM = FormatInfo(
    code="meta_instagram",
    label="Instagram post export from Meta Business Suite (CSV)",
    network="instagram",
    knows_reshares=False,
    knows_replies=False,
    knows_media=True,
    knows_polls=False,
    extra={
        "knows_links": True,
        "knows_quotes": False,
        "account_named": True,
        "note": "Only the account's own posts (no replies, no re-shares); times are local.",
    },
)
FACEBOOK = FormatInfo(
    code="meta_facebook",
    label="Facebook post export from Meta Business Suite (CSV)",
    network="facebook",
    knows_reshares=False,
    knows_replies=False,
    knows_media=True,
    knows_polls=False,
    extra={
        "knows_links": True,
        "knows_quotes": False,
        "account_named": True,
        "note": "Only the page's own posts (no replies; shares only where the export has an "
        '"Is share" column); times are local.',
    },
)
FORMATS = (INSTAGRAM, FACEBOOK)

NEEDED = {"id": ("Post ID",), "time": ("Publish time",)}
SIGNATURE = {"post id", "publish time", "permalink", "post type"}
INSTAGRAM_COLUMNS = {"account username", "account id"}
FACEBOOK_COLUMNS = {"page id", "page name"}

FACEBOOK_MEDIA = {
    "photo": True,
    "photos": True,
    "video": True,
    "videos": True,
    "reel": True,
    "reels": True,
    "album": True,
    "albums": True,
    "live": True,
    "live video": True,
    "carousel": True,
    "link": False,
    "links": False,
    "status": False,
    "statuses": False,
    "text": False,
    "event": False,
    "events": False,
    "note": False,
    "offer": False,
}
_YES = {"1", "yes", "true", "y"}
_POST_ID = re.compile(r"^\d+(?:_\d+)?$")


def looks_like(head: bytes) -> FormatInfo | None:
    """Instagram or Facebook by the export's own columns; None for any other content."""
    header = sniff_header(head)
    if header is None:
        return None
    keys = {column_key(c) for c in header}
    if not keys >= SIGNATURE:
        return None
    if keys & INSTAGRAM_COLUMNS:
        return INSTAGRAM
    if keys & FACEBOOK_COLUMNS:
        return FACEBOOK
    return None


def _network(post_type: str, permalink: str, default: str) -> str:
    if post_type.casefold().startswith("ig ") or host_of(permalink).endswith("instagram.com"):
        return "instagram"
    if host_of(permalink).endswith(("facebook.com", "fb.com")):
        return "facebook"
    return default


def _media(network: str, post_type: str) -> bool | None:
    if network == "instagram":
        return True  # an Instagram post is a photo, a carousel or a video
    return FACEBOOK_MEDIA.get(" ".join(post_type.casefold().split()))


def read(
    stream,
    *,
    info: FormatInfo,
    name: str = "",
    timezone: str = "UTC",
    mapping: dict | None = None,
) -> Iterator[ParsedPost]:
    """The posts of a Meta Business Suite export, in file order (the mapping is not used)."""
    table = CsvTable.open(stream, name=name)
    columns = table.require(NEEDED)
    permalink_col = table.column("Permalink")
    type_col = table.column("Post type")
    text_col = table.column("Description")
    title_col = table.column("Title")
    account_col = table.column("Account username", "Page name", "Account name")
    share_col = table.column("Is share")
    for row in table:
        post_id = row.get(columns["id"])
        if not _POST_ID.match(post_id):
            what = "is empty" if not post_id else f"'{post_id}' is not a post id"
            hint = (
                " (a spreadsheet program rounded it: export the file again from Meta Business "
                "Suite and upload it without opening and saving it)"
                if "e+" in post_id.casefold() or "." in post_id
                else ""
            )
            raise row.error(columns["id"], what + hint)
        published_at = cell_datetime(row, columns["time"], timezone=timezone)
        post_type = row.get(type_col)
        permalink = row.get(permalink_col)
        network = _network(post_type, permalink, info.network)
        text = row.get(text_col) or row.get(title_col)
        is_share = row.get(share_col).casefold() in _YES
        yield ParsedPost(
            network=network,
            post_id=post_id,
            account=row.get(account_col).lstrip("@"),
            published_at=published_at,
            kind=RESHARE if is_share else ORIGINAL,
            text=text,
            links=links_in(text, own=permalink),
            has_media=_media(network, post_type),
            is_poll=None,
            is_event=True if "event" in post_type.casefold() else None,
            url=permalink,
        )
