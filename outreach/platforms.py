"""The platforms a channel can live on, and the family each belongs to.

Plain Python (no Django) so that the pure rubric and the models share one definition.
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
