"""Mastodon exports: the archive's outbox.json, a public outbox's items, the API's statuses."""

import io
import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audits.evidence.formats import mastodon
from audits.evidence.formats.base import (
    ORIGINAL,
    QUOTE,
    REPLY,
    RESHARE,
    EvidenceFileError,
    ParsedPost,
)

SAMPLES = Path(__file__).parent / "samples"
ACCOUNT = "acme@social.example"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(content: bytes, *, name: str = "outbox.json") -> list[ParsedPost]:
    return list(mastodon.read(io.BytesIO(content), name=name))


# --- the outbox -------------------------------------------------------------------------------


def test_the_outbox_tells_each_kind_of_post():
    posts = read(sample("mastodon_outbox.json"))
    kinds = [p.kind for p in posts]
    # original, reply, thread, boost, poll, (direct message left out), quote, reply elsewhere
    assert kinds == [ORIGINAL, REPLY, ORIGINAL, RESHARE, ORIGINAL, QUOTE, REPLY]
    assert {p.account for p in posts} == {ACCOUNT}
    assert all(p.network == "mastodon" and p.published_at.tzinfo is UTC for p in posts)


def test_a_direct_message_is_not_outreach():
    texts = [p.text for p in read(sample("mastodon_outbox.json"))]
    assert not any("private link" in text for text in texts)


def test_a_post_shows_its_text_links_and_media_but_not_mentions_or_hashtags():
    first = read(sample("mastodon_outbox.json"))[0]
    assert first.text == (
        "Our annual report is out: https://acme.example/report #news\n\n"
        "Thanks to everyone & see you soon."
    )
    assert first.links == ("https://acme.example/report",)
    assert first.has_media is True
    assert first.is_poll is False
    assert first.url.startswith("https://social.example/@acme/")
    assert first.published_at == datetime(2024, 3, 1, 9, 0, tzinfo=UTC)


def test_a_reply_names_the_other_account_and_its_delay_from_the_ids():
    reply = read(sample("mastodon_outbox.json"))[1]
    assert reply.in_reply_to_account == "jane@mastodon.example"
    assert reply.in_reply_to_id.startswith("https://mastodon.example/users/jane/statuses/")
    assert reply.reply_delay_seconds == 30 * 60
    assert reply.links == ()  # the mention is not a link


def test_a_reply_to_another_softwares_post_has_no_delay():
    """Only Mastodon's ids carry their time; a Pleroma object's address does not."""
    reply = read(sample("mastodon_outbox.json"))[-1]
    assert reply.kind == REPLY
    assert reply.reply_delay_seconds is None
    assert reply.in_reply_to_account is None


def test_a_thread_continuation_is_original():
    thread = read(sample("mastodon_outbox.json"))[2]
    assert thread.kind == ORIGINAL
    assert thread.reply_delay_seconds is None


def test_a_boost_is_a_reshare_with_nothing_of_its_own():
    boost = read(sample("mastodon_outbox.json"))[3]
    assert boost.post_id.endswith("/activity")
    assert (boost.text, boost.links, boost.has_media, boost.url) == ("", (), False, "")


def test_a_question_is_a_poll():
    poll = read(sample("mastodon_outbox.json"))[4]
    assert poll.is_poll is True


def test_a_public_outboxs_bare_items_are_the_same_posts():
    outbox = {p.post_id: p for p in read(sample("mastodon_outbox.json"))}
    pages = read(sample("mastodon_outbox_pages.json"))
    assert [outbox[p.post_id] for p in pages] == pages


def test_pages_written_one_after_another_are_read_in_turn():
    page = sample("mastodon_outbox_pages.json")
    assert len(read(page + b"\n" + page)) == 4


def test_other_activities_are_passed_over():
    like = {"id": "https://social.example/likes/1", "type": "Like", "actor": "x", "object": "y"}
    assert read(json.dumps([like]).encode()) == []


def test_a_wrong_date_is_refused_by_its_path():
    outbox = json.loads(sample("mastodon_outbox.json"))
    outbox["orderedItems"][3]["published"] = "3 March"
    with pytest.raises(EvidenceFileError) as refused:
        read(json.dumps(outbox, indent=1).encode())
    message = str(refused.value)
    assert message.startswith("outbox.json: line ")
    assert message.endswith("orderedItems[3].published: not a date ('3 March')")
    outbox["orderedItems"][3]["published"] = "2024-03-03T08:00:00Z"
    outbox["orderedItems"][2]["object"]["published"] = "soon"
    with pytest.raises(EvidenceFileError, match=r"orderedItems\[2\]\.object\.published: not a"):
        read(json.dumps(outbox).encode())


def test_a_truncated_outbox_is_refused_where_it_ends():
    content = sample("mastodon_outbox.json")[:5000]
    with pytest.raises(EvidenceFileError) as refused:
        read(content)
    assert str(refused.value).startswith("outbox.json: line ")
    assert "cut off" in str(refused.value)


def test_an_activity_collection_without_items_is_refused():
    with pytest.raises(EvidenceFileError, match="no orderedItems"):
        read(b'{"type": "OrderedCollection", "id": "https://s.example/users/a/outbox"}')


# --- the API's statuses -----------------------------------------------------------------------


def test_statuses_tell_each_kind_of_post():
    posts = read(sample("mastodon_statuses.json"), name="statuses.json")
    # original, reply, thread, boost, poll, (direct left out), quote
    assert [p.kind for p in posts] == [ORIGINAL, REPLY, ORIGINAL, RESHARE, ORIGINAL, QUOTE]
    assert {p.account for p in posts} == {ACCOUNT}
    assert [p.is_poll for p in posts] == [False, False, False, False, True, False]
    assert posts[0].has_media is True


def test_a_status_reply_names_the_other_account_and_its_delay():
    reply = read(sample("mastodon_statuses.json"))[1]
    assert reply.in_reply_to_account == "jane@mastodon.example"
    assert reply.reply_delay_seconds == 30 * 60


def test_statuses_and_the_outbox_give_a_post_the_same_id():
    """Overlapping exports in either form do not duplicate a post."""
    outbox = read(sample("mastodon_outbox.json"))
    statuses = read(sample("mastodon_statuses.json"))
    assert [p.post_id for p in statuses] == [p.post_id for p in outbox[:6]]
    assert statuses[0].links == outbox[0].links
    assert statuses[0].text == outbox[0].text


def test_a_status_without_its_account_is_refused_by_its_path():
    statuses = json.loads(sample("mastodon_statuses.json"))
    del statuses[2]["account"]
    with pytest.raises(EvidenceFileError, match=r"^s\.json: line \d+: \[2\]\.account: missing$"):
        read(json.dumps(statuses, indent=2).encode(), name="s.json")


# --- detection --------------------------------------------------------------------------------


def test_each_mastodon_export_is_told_by_its_content():
    assert mastodon.looks_like(sample("mastodon_outbox.json")[:3000]) is mastodon.OUTBOX
    assert mastodon.looks_like(sample("mastodon_outbox_pages.json")) is mastodon.OUTBOX
    assert mastodon.looks_like(sample("mastodon_statuses.json")[:3000]) is mastodon.STATUSES
    empty = b'{"id": "outbox.json", "type": "OrderedCollection", "orderedItems": []}'
    assert mastodon.looks_like(empty) is mastodon.OUTBOX


@pytest.mark.parametrize(
    "head",
    [
        b'{"type": "OrderedCollection", "id": "likes.json", "orderedItems": ["https://a/1"]}',
        b'{"subject": "acct:acme@social.example", "links": []}',
        b'{"feed": [{"post": {"uri": "at://did:plc:a/app.bsky.feed.post/3k"}}]}',
        b"Date,Content\n",
        b"",
    ],
)
def test_other_content_is_not_a_mastodon_export(head):
    assert mastodon.looks_like(head) is None
