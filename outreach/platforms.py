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
    return PLATFORMS[platform][0]


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
