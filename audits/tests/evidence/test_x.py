"""X exports: the account archive's tweets.js, and the legacy and newer analytics CSVs."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audits.evidence.formats import x
from audits.evidence.formats.base import (
    ORIGINAL,
    QUOTE,
    REPLY,
    RESHARE,
    EvidenceFileError,
    ParsedPost,
)

SAMPLES = Path(__file__).parent / "samples"
ACTIVITY_CSV = "tweet_activity_metrics_acme_org_20180101_20180201_en.csv"
CONTENT_CSV = "account_analytics_content_2024-10-01_2024-10-31.csv"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(content: bytes, info=None, *, name: str = "tweets.js", **options) -> list[ParsedPost]:
    return list(x.read(io.BytesIO(content), info=info, name=name, **options))


def by_text(posts: list[ParsedPost]) -> dict[str, ParsedPost]:
    return {post.text.split(" ")[0]: post for post in posts if post.text}


# --- the account archive -------------------------------------------------------------------


def test_the_archive_tells_each_kind_of_tweet():
    posts = read(sample("x_tweets.js"), x.ARCHIVE)
    assert [p.kind for p in posts] == [ORIGINAL, ORIGINAL, REPLY, RESHARE, QUOTE, ORIGINAL]
    assert all(p.network == "x" and p.published_at.tzinfo is UTC for p in posts)


def test_the_archive_names_its_account_from_its_own_thread():
    """tweets.js does not name the account: a reply to a tweet of the same file does."""
    posts = read(sample("x_tweets.js"), x.ARCHIVE)
    assert {p.account for p in posts} == {"acme_org"}
    assert posts[0].url == f"https://x.com/acme_org/status/{posts[0].post_id}"


def test_a_thread_continuation_is_original_and_a_reply_to_another_account_is_a_reply():
    thread, reply = read(sample("x_tweets.js"), x.ARCHIVE)[1:3]
    assert thread.kind == ORIGINAL
    assert thread.in_reply_to_id == read(sample("x_tweets.js"), x.ARCHIVE)[0].post_id
    assert thread.reply_delay_seconds is None  # not an answer to people
    assert reply.kind == REPLY
    assert reply.in_reply_to_account == "jane_doe"
    assert reply.text == "@jane_doe Thanks, glad it helps!"


def test_a_reply_delay_is_measured_from_the_two_ids():
    reply = read(sample("x_tweets.js"), x.ARCHIVE)[2]
    assert reply.reply_delay_seconds == 30 * 60


def test_the_archive_shows_expanded_links_and_media_but_not_polls():
    first = read(sample("x_tweets.js"), x.ARCHIVE)[0]
    assert first.links == ("https://acme.example/report",)  # never t.co
    assert first.text.startswith("Our annual report is out: https://t.co/R3p0rt & more")
    assert first.has_media is True
    assert first.is_poll is None
    assert x.ARCHIVE.knows_polls is False


def test_a_retweet_carries_nothing_of_its_own():
    retweet = read(sample("x_tweets.js"), x.ARCHIVE)[3]
    assert (retweet.kind, retweet.text, retweet.links, retweet.has_media) == (
        RESHARE,
        "",
        (),
        False,
    )


def test_a_quote_of_another_account_is_a_quote_and_of_its_own_tweet_is_not():
    quote, own = read(sample("x_tweets.js"), x.ARCHIVE)[4:6]
    assert quote.kind == QUOTE
    assert quote.links == ("https://acme.example/take",)  # the quoted tweet is not a link
    assert own.kind == ORIGINAL
    assert own.links == ()


def test_the_2021_archive_layout_is_read_and_its_account_can_be_given():
    posts = read(sample("x_tweet_2021.js"), x.ARCHIVE, name="tweet.js")
    assert [p.kind for p in posts] == [ORIGINAL, REPLY]
    assert {p.account for p in posts} == {""}  # nothing in tweet.js names it
    assert posts[0].published_at == datetime(2021, 1, 12, 17, 0, 2, tzinfo=UTC)
    assert posts[1].reply_delay_seconds == 3600
    named = read(sample("x_tweet_2021.js"), x.ARCHIVE, account="acme_org")
    assert {p.account for p in named} == {"acme_org"}


def test_the_manifest_names_the_archives_account():
    assert x.account_from_manifest(io.BytesIO(sample("x_manifest.js"))) == "acme_org"


def test_an_archive_that_cannot_be_read_twice_is_still_read():
    class OneWay(io.BytesIO):
        def seekable(self):
            return False

    posts = list(x.read_archive(OneWay(sample("x_tweets.js")), name="tweets.js"))
    assert len(posts) == 6


def test_a_truncated_archive_is_refused_at_its_line():
    content = sample("x_tweets.js")
    cut = content[: len(content) // 2]
    with pytest.raises(EvidenceFileError) as refused:
        read(cut, x.ARCHIVE)
    line = cut.count(b"\n") + 1
    assert str(refused.value).startswith(f"tweets.js: line {line}, column ")
    assert "cut off" in str(refused.value)


def test_a_wrong_date_is_refused_with_the_tweets_line_and_path():
    content = sample("x_tweets.js").replace(b"Sat Mar 02 10:30:00 +0000 2024", b"yesterday")
    with pytest.raises(EvidenceFileError) as refused:
        read(content, x.ARCHIVE)
    message = str(refused.value)
    line = content[: content.index(b"yesterday")].count(b"\n") + 1
    assert message.startswith("tweets.js: line ")
    assert int(message.split("line ")[1].split(":")[0]) < line  # the line the tweet starts on
    assert "[2].tweet.created_at: not a date ('yesterday')" in message


def test_a_broken_json_archive_names_the_line_json_gives():
    content = b'window.YTD.tweets.part0 = [\n  {"tweet": {"id_str": "1"}}\n  {"tweet": {}}\n]'
    with pytest.raises(EvidenceFileError, match=r"^tweets\.js: line 3, column 3: expected ','"):
        read(content, x.ARCHIVE)


# --- the legacy analytics CSV ---------------------------------------------------------------


def test_the_activity_csv_tells_replies_by_their_leading_mention():
    posts = read(sample(ACTIVITY_CSV), x.TWEET_ACTIVITY, name=ACTIVITY_CSV)
    assert [p.kind for p in posts] == [ORIGINAL, REPLY, ORIGINAL, ORIGINAL]
    assert posts[1].in_reply_to_account == "ma_someone"
    assert posts[2].kind == ORIGINAL  # "@acme_org …": the account itself, a thread
    assert posts[3].kind == ORIGINAL  # ".@partner_org …": a mention, not a reply
    assert posts[1].text.startswith("@ma_someone We interviewed her so we could introduce her &")


def test_the_activity_csv_names_the_account_and_the_time_from_its_columns():
    first = read(sample(ACTIVITY_CSV), x.TWEET_ACTIVITY)[0]
    assert first.account == "acme_org"
    assert first.published_at == datetime(2018, 1, 30, 21, 45, tzinfo=UTC)
    assert first.url == f"https://twitter.com/acme_org/status/{first.post_id}"


def test_what_the_activity_csv_cannot_show_is_unknown():
    """Pure retweets are left out; links are t.co only; no media, quotes or polls."""
    posts = read(sample(ACTIVITY_CSV), x.TWEET_ACTIVITY)
    assert x.TWEET_ACTIVITY.knows_reshares is False
    assert x.TWEET_ACTIVITY.extra["knows_links"] is False
    assert all(p.links == () and p.has_media is None and p.is_poll is None for p in posts)
    assert all(p.reply_delay_seconds is None for p in posts)


def test_an_activity_csv_in_another_language_is_read_by_its_columns_places():
    english = read(sample(ACTIVITY_CSV), x.TWEET_ACTIVITY)
    spanish = read(sample(ACTIVITY_CSV.replace("_en", "_es")), x.TWEET_ACTIVITY)
    assert spanish == english


def test_a_csv_missing_a_column_says_which():
    content = b'"Tweet id","Tweet permalink","Tweet text"\n"1","https://x.com/a/status/1","hi"\n'
    with pytest.raises(EvidenceFileError, match=r'^a\.csv: row 1: no column "Time" \(the 4th'):
        read(content, x.TWEET_ACTIVITY, name="a.csv")


def test_a_bad_time_is_refused_by_row_and_column():
    lines = sample(ACTIVITY_CSV).decode().splitlines(keepends=True)
    lines[2] = lines[2].replace("2018-01-29 15:00 +0000", "Monday")
    with pytest.raises(EvidenceFileError) as refused:
        read("".join(lines).encode(), x.TWEET_ACTIVITY, name=ACTIVITY_CSV)
    assert str(refused.value) == f"{ACTIVITY_CSV}: row 3, column \"time\": not a date ('Monday')"


def test_a_csv_that_is_not_utf8_is_refused_by_row():
    content = sample(ACTIVITY_CSV).replace(b"Community Call", b"Comunit\xe9 Call")
    with pytest.raises(EvidenceFileError, match="row 2: not UTF-8"):
        read(content, x.TWEET_ACTIVITY, name=ACTIVITY_CSV)


# --- the newer analytics content CSV ----------------------------------------------------------


def test_the_content_csv_takes_the_time_from_the_post_id_on_the_day_it_gives():
    posts = read(sample(CONTENT_CSV), x.ACCOUNT_ANALYTICS, name=CONTENT_CSV)
    assert posts[0].published_at == datetime(2024, 10, 1, 18, 30, tzinfo=UTC)
    assert posts[1].published_at == datetime(2024, 10, 2, 7, 15, tzinfo=UTC)  # an ISO day
    # The id's day disagrees with the file's: the file's day, at noon UTC.
    assert posts[2].published_at == datetime(2024, 10, 3, 12, tzinfo=UTC)


def test_the_content_csv_tells_replies_and_names_the_account():
    posts = read(sample(CONTENT_CSV), x.ACCOUNT_ANALYTICS)
    assert [p.kind for p in posts] == [ORIGINAL, REPLY, ORIGINAL]
    assert {p.account for p in posts} == {"acme_org"}
    assert posts[1].in_reply_to_account == "jane_doe"


def test_read_without_the_format_sniffs_it():
    assert read(sample(CONTENT_CSV)) == read(sample(CONTENT_CSV), x.ACCOUNT_ANALYTICS)
    assert len(read(sample("x_tweets.js"))) == 6


# --- detection --------------------------------------------------------------------------------


def test_each_x_export_is_told_by_its_content():
    assert x.looks_like(sample("x_tweets.js")[:2000]) is x.ARCHIVE
    assert x.looks_like(sample("x_tweet_2021.js")) is x.ARCHIVE
    assert x.looks_like(sample(ACTIVITY_CSV)) is x.TWEET_ACTIVITY
    assert x.looks_like(sample(ACTIVITY_CSV.replace("_en", "_es"))) is x.TWEET_ACTIVITY
    assert x.looks_like(sample(CONTENT_CSV)) is x.ACCOUNT_ANALYTICS


@pytest.mark.parametrize(
    "head",
    [
        b"",
        b"window.YTD.like.part0 = [ {",
        b"Date,Content,Created by,Labels,Url\n01/05/2024,hi,,,https://x.com/a/status/1\n",
        b'{"orderedItems": []}',
        b"\xff\xfe\x00\x00",
    ],
)
def test_other_content_is_not_an_x_export(head):
    assert x.looks_like(head) is None
