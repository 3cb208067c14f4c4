"""The kinds of planned activity, split into content and interaction.

Plain Python (no Django) so that the pure rubric and the models share one definition.
"""

POINT_TO_OWN_WORK = "point_to_own_work"
POINT_TO_EXTERNAL = "point_to_external"
PHOTO = "photo"
RETWEET = "retweet"
REPLY = "reply"
DISCUSSION = "discussion"
POLL = "poll"
EVENT = "event"

KIND_LABELS = {
    POINT_TO_OWN_WORK: "Point to own work",
    POINT_TO_EXTERNAL: "Point to external work",
    PHOTO: "Photo",
    RETWEET: "Re-share (retweet)",
    REPLY: "Reply",
    DISCUSSION: "Discussion",
    POLL: "Poll",
    EVENT: "Event",
}

CONTENT_KINDS = frozenset({POINT_TO_OWN_WORK, POINT_TO_EXTERNAL, PHOTO})
INTERACTIVE_KINDS = frozenset({RETWEET, REPLY, DISCUSSION, POLL, EVENT})


# The networks' own words for a kind, where they differ from KIND_LABELS, by platform (the keys
# of outreach.platforms.PLATFORMS). Only the words change: the stored kind stays the same, so a
# plan, its file and the audit read alike on every network.
PLATFORM_KIND_LABELS = {
    "twitter": {RETWEET: "Repost (retweet)"},
    "mastodon": {RETWEET: "Boost"},
    "bluesky": {RETWEET: "Repost", POLL: "Poll (asked in a post: Bluesky has no polls)"},
    "facebook": {RETWEET: "Share", REPLY: "Reply to comments"},
    "linkedin": {RETWEET: "Repost", REPLY: "Reply to comments"},
    "instagram": {RETWEET: "Share to story", REPLY: "Reply to comments", POLL: "Story poll"},
    "youtube": {
        RETWEET: "Feature others' videos",
        REPLY: "Reply to comments",
        POLL: "Poll (community post)",
    },
    "blog": {RETWEET: "Link to others' posts", REPLY: "Reply to comments"},
}

# How a sentence counts re-shares on each network: (one, many).
RESHARE_NOUNS = {
    "twitter": ("repost", "reposts"),
    "mastodon": ("boost", "boosts"),
    "bluesky": ("repost", "reposts"),
    "facebook": ("share", "shares"),
    "linkedin": ("repost", "reposts"),
    "instagram": ("story share", "story shares"),
    "youtube": ("featured video", "featured videos"),
    "blog": ("link to others' posts", "links to others' posts"),
}


def kind_label(kind: str, platform: str = "") -> str:
    """A kind in the words of the channel's network ("Boost" on Mastodon), else the general word
    (KIND_LABELS, which the model's choices and the plan file keep)."""
    return PLATFORM_KIND_LABELS.get(platform, {}).get(kind) or KIND_LABELS.get(kind, kind)


def kind_choices(platform: str = "") -> list[tuple[str, str]]:
    """Every kind as (value, label) in the words of `platform`'s network."""
    return [(kind, kind_label(kind, platform)) for kind in KIND_LABELS]


def reshare_nouns(platform: str = "") -> tuple[str, str]:
    """('boost', 'boosts') on Mastodon; ('re-share', 're-shares') where no network is named."""
    return RESHARE_NOUNS.get(platform, ("re-share", "re-shares"))
