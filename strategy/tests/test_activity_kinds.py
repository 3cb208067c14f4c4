"""Activity kinds in each network's own words (strategy.activity_kinds): pure, no database."""

from outreach.platforms import PLATFORMS
from strategy.activity_kinds import (
    KIND_LABELS,
    PLATFORM_KIND_LABELS,
    REPLY,
    RETWEET,
    kind_choices,
    kind_label,
    reshare_nouns,
)


def test_a_reshare_is_called_what_each_network_calls_it():
    words = {platform: kind_label(RETWEET, platform) for platform in PLATFORMS}
    assert words["twitter"] == "Repost (retweet)"
    assert words["mastodon"] == "Boost"
    assert words["bluesky"] == "Repost"
    assert words["facebook"] == "Share"
    assert "retweet" not in words["mastodon"].lower() + words["facebook"].lower()
    assert reshare_nouns("mastodon") == ("boost", "boosts")
    assert reshare_nouns("") == ("re-share", "re-shares")


def test_pages_reply_to_comments_and_unknown_platforms_use_the_general_words():
    assert kind_label(REPLY, "facebook") == "Reply to comments"
    assert kind_label(REPLY, "twitter") == KIND_LABELS[REPLY]
    assert kind_label(RETWEET, "") == KIND_LABELS[RETWEET]


def test_every_platform_is_covered_and_only_known_kinds_are_renamed():
    assert set(PLATFORM_KIND_LABELS) == set(PLATFORMS)
    for words in PLATFORM_KIND_LABELS.values():
        assert set(words) <= set(KIND_LABELS)
    # The stored values never change: only the words do.
    assert [value for value, _ in kind_choices("mastodon")] == list(KIND_LABELS)
