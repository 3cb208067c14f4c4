"""The words a channel is described with: the platforms it can live on (and the family each
belongs to), its objectives, its presence modes and the duties people hold on it.

Plain Python (no Django) so that the pure rubric and the models share one definition: the
models build their TextChoices from these tables, and the rubric reads them as they are.
"""

MICRO_BLOG = "micro_blog"
COMMUNITY = "community"
MEDIA = "media"
BLOG = "blog"

FAMILY_LABELS = {
    MICRO_BLOG: "Micro-blogs",
    COMMUNITY: "Community pages",
    MEDIA: "Media",
    BLOG: "Blogs",
}

# platform -> (label, family)
PLATFORMS = {
    "twitter": ("X / Twitter", MICRO_BLOG),
    "mastodon": ("Mastodon", MICRO_BLOG),
    "bluesky": ("Bluesky", MICRO_BLOG),
    "facebook": ("Facebook page", COMMUNITY),
    "linkedin": ("LinkedIn page", COMMUNITY),
    "instagram": ("Instagram", MEDIA),
    "youtube": ("YouTube", MEDIA),
    "blog": ("Blog", BLOG),
}


def family_of(platform: str) -> str:
    return PLATFORMS[platform][1]


def label_of(platform: str) -> str:
    """The platform as people name it ("LinkedIn page"); an unknown key (a channel of a
    platform since removed, in an old audit) as it is."""
    return PLATFORMS[platform][0] if platform in PLATFORMS else platform


def is_community(platform: str) -> bool:
    return family_of(platform) == COMMUNITY


def is_micro_blog(platform: str) -> bool:
    return family_of(platform) == MICRO_BLOG


# objective -> (label on forms, how a sentence names it)
OBJECTIVES = {
    "awareness": ("Awareness", "awareness"),
    "thought_leadership": ("Thought leadership / business development", "thought leadership"),
    "feedback": ("Feedback and support", "feedback and support"),
    "community": ("Community", "community"),
    "announcements": ("Announcements", "announcements"),
}

# A community page is a presence (dialogue, discussions) or a static page.
PRESENCE = "presence"
STATIC = "static"
PRESENCES = {PRESENCE: "Presence (dialogue, discussions)", STATIC: "Static page"}

# What a person does on a channel; an assignment holds each as a `duty_<value>` field.
POST = "post"
RESPOND = "respond"
MODERATE = "moderate"
CURATE = "curate"
DUTIES = {
    POST: "Posts",
    RESPOND: "Responds to replies and mentions",
    MODERATE: "Moderates discussions",
    CURATE: "Curates (follows and re-shares)",
}


# --- how a channel is named ---------------------------------------------------------------------
def short_handle(handle: str) -> str:
    """A handle as it reads beside a name: '@acme' as it is, a page address without its
    scheme, 'www.' and trailing slash ('facebook.com/acme')."""
    handle = (handle or "").strip()
    for scheme in ("https://", "http://"):
        if handle.lower().startswith(scheme):
            handle = handle[len(scheme) :]
            break
    if handle.lower().startswith("www."):
        handle = handle[4:]
    return handle.rstrip("/")


def channel_name(name: str, handle: str = "", key: str = "") -> str:
    """How every page, finding, message and chart names one channel: its name; a channel
    without one by its handle (shortened), then its key."""
    return name if (name or "").strip() else (short_handle(handle) or key)


def channel_labels(channels) -> dict[str, str]:
    """Each channel's label among its organization's channels, by key: its name, and where
    two channels would read the same, beside it what tells them apart: the platform when that
    does ('Harbourside Learning (Facebook page)'), else the handle ('… (@hl_kids)'), else the
    key. `channels` are objects with `key`, `name`, `handle` and `platform`."""
    channels = list(channels)
    names = {c.key: channel_name(c.name, c.handle, c.key) for c in channels}
    namesakes: dict[str, list] = {}
    for c in channels:
        namesakes.setdefault(names[c.key].casefold(), []).append(c)
    labels = {}
    for c in channels:
        others = [o for o in namesakes[names[c.key].casefold()] if o.key != c.key]
        if not others:
            labels[c.key] = names[c.key]
        elif all(o.platform != c.platform for o in others):
            labels[c.key] = f"{names[c.key]} ({label_of(c.platform)})"
        elif c.handle and short_handle(c.handle) != names[c.key]:
            labels[c.key] = f"{names[c.key]} ({short_handle(c.handle)})"
        else:
            labels[c.key] = f"{names[c.key]} ({c.key})"
    return labels


def channel_choice_label(name: str, handle: str, platform: str, key: str = "") -> str:
    """A channel in a list to pick from, where the account matters (which export file is
    whose): 'Harbourside Learning (X / Twitter, @hl)'."""
    handle = short_handle(handle)
    beside = label_of(platform) + (f", {handle}" if handle and handle != name else "")
    return f"{channel_name(name, handle, key)} ({beside})"
