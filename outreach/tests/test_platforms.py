"""How a channel is named everywhere (outreach.platforms): pure, no database."""

from types import SimpleNamespace

from outreach.platforms import (
    PLATFORMS,
    channel_choice_label,
    channel_labels,
    channel_name,
    label_of,
    short_handle,
)


def channel(key, platform, name, handle=""):
    return SimpleNamespace(key=key, platform=platform, name=name, handle=handle)


def test_a_channel_is_named_by_its_name_not_its_handle_or_address():
    """'Harbourside Learning', never '@hl' nor 'https://facebook.com/…'; without a name, the
    handle (shortened), then the key."""
    assert channel_name("Harbourside Learning", "https://www.facebook.com/hl/") == (
        "Harbourside Learning"
    )
    assert channel_name("", "https://www.facebook.com/hl/", "fb") == "facebook.com/hl"
    assert channel_name("", "", "fb") == "fb"
    assert short_handle("@hl") == "@hl"


def test_namesakes_read_apart_by_platform_then_by_handle():
    """The same name on two platforms gets the platform beside it; on one platform, the
    handle; a unique name stays alone."""
    labels = channel_labels(
        [
            channel("tw", "twitter", "Harbourside Learning", "@hl"),
            channel("tw2", "twitter", "Harbourside Learning", "@hl_kids"),
            channel("fb", "facebook", "Harbourside Learning", "https://facebook.com/hl"),
            channel("li", "linkedin", "Harbourside on LinkedIn"),
            channel("x1", "blog", "Blog"),
            channel("x2", "blog", "blog"),
        ]
    )
    assert labels == {
        "tw": "Harbourside Learning (@hl)",
        "tw2": "Harbourside Learning (@hl_kids)",
        "fb": "Harbourside Learning (Facebook page)",
        "li": "Harbourside on LinkedIn",
        "x1": "Blog (x1)",
        "x2": "blog (x2)",
    }
    assert len(set(labels.values())) == len(labels)


def test_platform_words_come_from_the_table_never_from_the_key():
    """'LinkedIn page', not 'Linkedin'; an unknown key (an old audit) as it is."""
    assert label_of("linkedin") == "LinkedIn page"
    assert all(label_of(key) == label for key, (label, _) in PLATFORMS.items())
    assert label_of("myspace") == "myspace"


def test_a_list_to_pick_from_shows_the_platform_and_the_account():
    assert channel_choice_label("Harbourside Learning", "@hl", "mastodon") == (
        "Harbourside Learning (Mastodon, @hl)"
    )
    assert channel_choice_label("Blog", "", "blog") == "Blog (Blog)"
