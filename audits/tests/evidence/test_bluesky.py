"""Bluesky: getAuthorFeed pages, one or several in a file."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audits.evidence.formats import bluesky
from audits.evidence.formats.base import (
    ORIGINAL,
    QUOTE,
    REPLY,
    RESHARE,
    EvidenceFileError,
    ParsedPost,
)

SAMPLES = Path(__file__).parent / "samples"
ME = "did:plc:acmeacmeacmeacmeacme2345"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(content: bytes, *, name: str = "feed.json") -> list[ParsedPost]:
    return list(bluesky.read(io.BytesIO(content), name=name))


def test_the_feed_tells_each_kind_of_post():
    posts = read(sample("bluesky_author_feed.json"))
    # pinned post, repost, reply, thread, quote, quote of its own post; the pin's repeat is gone
    assert [p.kind for p in posts] == [ORIGINAL, RESHARE, REPLY, ORIGINAL, QUOTE, ORIGINAL]
    assert {p.account for p in posts} == {"acme.bsky.social"}
    assert all(p.network == "bluesky" and p.published_at.tzinfo is UTC for p in posts)


def test_a_post_shows_its_links_media_and_address():
    first, *_, own_quote = read(sample("bluesky_author_feed.json"))
    assert first.links == ("https://acme.example/report",)  # the facet and the card, once
    assert first.has_media is False
    assert first.is_poll is False  # Bluesky has no polls
    assert first.published_at == datetime(2024, 11, 1, 9, 0, 0, 123000, tzinfo=UTC)
    key = first.post_id.rsplit("/", 1)[1]
    assert first.url == f"https://bsky.app/profile/acme.bsky.social/post/{key}"
    assert own_quote.has_media is True  # recordWithMedia: images


def test_a_repost_is_a_reshare_of_its_own_id_and_time():
    repost = read(sample("bluesky_author_feed.json"))[1]
    assert repost.post_id.startswith(f"repost:{ME}:at://did:plc:other")
    assert repost.published_at == datetime(2024, 11, 3, 22, 49, 9, 107000, tzinfo=UTC)
    assert (repost.text, repost.links, repost.has_media, repost.url) == ("", (), False, "")


def test_a_reply_names_the_other_account_and_its_delay_from_the_record_keys():
    reply = read(sample("bluesky_author_feed.json"))[2]
    assert reply.in_reply_to_account == "jane.bsky.social"
    assert reply.in_reply_to_id.startswith("at://did:plc:jane")
    assert reply.reply_delay_seconds == 30 * 60


def test_a_thread_continuation_is_original():
    thread = read(sample("bluesky_author_feed.json"))[3]
    assert thread.kind == ORIGINAL
    assert thread.in_reply_to_id is not None
    assert thread.reply_delay_seconds is None


def test_pages_in_an_array_or_one_after_another_are_read_once_each_post():
    pages = read(sample("bluesky_author_feed_pages.json"))
    assert [p.kind for p in pages] == [ORIGINAL, QUOTE, ORIGINAL, ORIGINAL]
    assert pages[3].has_media is True
    one = sample("bluesky_author_feed.json")
    assert len(read(one + b"\n" + one)) == len(read(one))


def test_a_bare_list_of_feed_items_is_read():
    feed = json.loads(sample("bluesky_author_feed.json"))["feed"]
    assert read(json.dumps(feed).encode()) == read(sample("bluesky_author_feed.json"))


def test_a_wrong_date_is_refused_by_its_path():
    page = json.loads(sample("bluesky_author_feed.json"))
    page["feed"][2]["post"]["record"]["createdAt"] = "last week"
    with pytest.raises(EvidenceFileError) as refused:
        read(json.dumps(page, indent=1).encode())
    message = str(refused.value)
    assert message.startswith("feed.json: line ")
    assert message.endswith("feed[2].post.record.createdAt: not a date ('last week')")


def test_a_truncated_feed_is_refused_where_json_says():
    content = sample("bluesky_author_feed.json")[:3000]
    with pytest.raises(EvidenceFileError, match=r"^feed\.json: line \d+, column \d+: .*cut off"):
        read(content)


def test_a_page_without_a_feed_is_refused():
    with pytest.raises(EvidenceFileError, match="no 'feed'"):
        read(b'{"cursor": "abc"}')


def test_the_feed_is_told_by_its_content():
    assert bluesky.looks_like(sample("bluesky_author_feed.json")[:4000]) is bluesky.AUTHOR_FEED
    assert bluesky.looks_like(sample("bluesky_author_feed_pages.json")) is bluesky.AUTHOR_FEED


@pytest.mark.parametrize(
    "head",
    [b'{"orderedItems": [{"type": "Create", "actor": "https://a"}]}', b"[]", b"", b"at://"],
)
def test_other_content_is_not_a_bluesky_feed(head):
    assert bluesky.looks_like(head) is None
