"""What every export format reader produces, and how it refuses a broken file.

A reader turns one export file into `ParsedPost`s, one per item the account published, in file
order. It never guesses: where its format cannot show something (a legacy X analytics CSV leaves
pure retweets out; a scheduler's CSV does not say whether a post is a reply), the field is None,
"unknown", never 0 or False. Readers are plain Python (no Django, no database) and stream where
the format allows.
"""

from dataclasses import dataclass, field
from datetime import datetime

# What a post is, as far as its format shows.
ORIGINAL = "original"  # the account's own post, not a reply to others, not a re-share
REPLY = "reply"  # an answer to another account's post (a thread on one's own post is ORIGINAL)
RESHARE = "reshare"  # retweet, boost, repost: someone else's post passed on as it is
QUOTE = "quote"  # someone else's post passed on with the account's own words
UNKNOWN = "unknown"  # the format does not tell
POST_KINDS = (ORIGINAL, REPLY, RESHARE, QUOTE, UNKNOWN)

# The networks, as the evidence records them.
NETWORKS = ("x", "mastodon", "bluesky", "facebook", "instagram", "linkedin", "other")


@dataclass(frozen=True)
class ParsedPost:
    network: str  # one of NETWORKS
    post_id: str  # the network's own id of the post: the key that de-duplicates imports
    account: str  # the account that published it as the file names it ("rOpenSci",
    # "mikrotik@mikrotik.social", "benoist.dev"), without a leading "@"; "" when not named
    published_at: datetime  # timezone-aware (UTC where the file says; see each reader)
    kind: str  # one of POST_KINDS
    text: str = ""  # the post's text, for showing examples ("" for a bare re-share)
    links: tuple[str, ...] = ()  # web addresses the post points to, expanded where the file
    # gives the expanded form; a network's short link (t.co) where it does not: the post has a
    # link, its target is unknown. Never the post's own address.
    has_media: bool | None = None  # photo or video attached; None: the format cannot tell
    is_poll: bool | None = None
    is_event: bool | None = None
    in_reply_to_id: str | None = None  # the post it answers, when the format names it
    in_reply_to_account: str | None = None
    reply_delay_seconds: int | None = None  # how long after the answered post this reply came,
    # where both ids carry their creation time (X ids, Mastodon ids, Bluesky record keys)
    author: str = ""  # who posted it, where the file says (a scheduler's "Created by")
    url: str = ""  # the post's own address, when the file gives it


@dataclass(frozen=True)
class FormatInfo:
    """One format a reader understands, and what its files can show."""

    code: str  # e.g. "x_archive"
    label: str  # how the page names it, e.g. "X account archive (tweets.js)"
    network: str  # the network its posts belong to ("other" for a generic CSV)
    knows_reshares: bool  # whether pure re-shares are in the file at all
    knows_replies: bool  # whether a reply can be told from an original
    knows_media: bool
    knows_polls: bool
    extra: dict = field(default_factory=dict)


class EvidenceFileError(ValueError):
    """A file that cannot be read: the message names the file's place (line, or row and
    column, or JSON path) and what is wrong there, in words a comms person understands."""
