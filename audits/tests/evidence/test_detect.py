"""Format detection: from a file's first bytes, never its name."""

from pathlib import Path

import pytest

from audits.evidence.formats import bluesky, detect, mastodon, x
from audits.evidence.formats.detect import READERS, detect_format, reader_for

SAMPLES = Path(__file__).parent / "samples"


def head(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()[: detect.HEAD_BYTES]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("x_tweets.js", x.ARCHIVE),
        ("x_tweet_2021.js", x.ARCHIVE),
        ("tweet_activity_metrics_acme_org_20180101_20180201_en.csv", x.TWEET_ACTIVITY),
        ("tweet_activity_metrics_acme_org_20180101_20180201_es.csv", x.TWEET_ACTIVITY),
        ("account_analytics_content_2024-10-01_2024-10-31.csv", x.ACCOUNT_ANALYTICS),
        ("mastodon_outbox.json", mastodon.OUTBOX),
        ("mastodon_outbox_pages.json", mastodon.OUTBOX),
        ("mastodon_statuses.json", mastodon.STATUSES),
        ("bluesky_author_feed.json", bluesky.AUTHOR_FEED),
        ("bluesky_author_feed_pages.json", bluesky.AUTHOR_FEED),
    ],
)
def test_each_network_export_is_told_by_its_content(name, expected):
    assert detect_format(head(name)) == expected


def test_a_misleading_name_does_not_matter(tmp_path):
    """A Mastodon outbox saved as tweets.js is a Mastodon outbox, and the reverse."""
    misnamed = tmp_path / "tweets.js"
    misnamed.write_bytes(head("mastodon_outbox.json"))
    assert detect_format(misnamed.read_bytes()) == mastodon.OUTBOX
    misnamed = tmp_path / "outbox.json"
    misnamed.write_bytes(head("x_tweets.js"))
    assert detect_format(misnamed.read_bytes()) == x.ARCHIVE


def test_a_character_cut_by_the_end_of_the_head_is_still_text():
    content = head("x_tweets.js")
    accented = content.replace(b"annual report", "annuel rapport \u00e9".encode())
    cut = accented[: accented.index("\u00e9".encode()) + 1]  # half of the "é"
    assert detect_format(cut) == x.ARCHIVE


def test_a_schedulers_csv_with_links_to_tweets_is_not_an_x_export():
    found = detect_format(head("scheduler_x.csv"))
    assert found is not None
    assert found.code not in {info.code for info in x.FORMATS}


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"  \n\n",
        b"<!DOCTYPE html><html><body>Sign in to X</body></html>",
        b"\xef\xbb\xbf<html><head><title>Outbox</title>",
        "Date;Texte\n05/01/2024;Caf\u00e9 ouvert\n".encode("latin-1"),  # not UTF-8
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        b'{"subject":"acct:acme@social.example","aliases":[],"links":[]}',  # webfinger
        b'window.__THAR_CONFIG = {"userInfo": {"userName": "acme_org"}}',  # manifest.js
        b"window.YTD.like.part0 = [ {",
    ],
)
def test_what_is_not_an_export_is_none(content):
    assert detect_format(content) is None


def test_every_reader_is_registered_and_the_generic_csv_comes_last():
    names = [module.__name__.rsplit(".", 1)[1] for module in READERS]
    assert names == list(detect.READER_NAMES)
    assert names[-1] == "generic_csv"


def test_every_module_answers_the_same_interface():
    for module in READERS:
        assert module.FORMATS
        assert module.looks_like(b"") is None or module.looks_like(b"") is False
        assert callable(module.read)
        for info in module.FORMATS:
            assert reader_for(info) is module
    codes = [info.code for module in READERS for info in module.FORMATS]
    assert len(codes) == len(set(codes))
