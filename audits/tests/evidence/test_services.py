"""Importing export files into posts: all or nothing, never twice, refused by place and by size."""

import io
import json

import pytest
from django.core.exceptions import ValidationError
from django.test import override_settings

from audits.evidence.models import ColumnMapping, EvidenceImport, Post
from audits.evidence.services import (
    channel_evidence_delete,
    evidence_import_create,
    evidence_import_execute,
    evidence_import_map_columns,
)
from outreach.tests.factories import ChannelFactory, OrganizationFactory

pytestmark = pytest.mark.django_db


def tweet(id_str, text, when="Mon Oct 18 10:00:00 +0000 2021", **extra):
    return {
        "tweet": {
            "id_str": id_str,
            "id": id_str,
            "created_at": when,
            "full_text": text,
            "retweeted": False,
            "entities": {"hashtags": [], "symbols": [], "user_mentions": [], "urls": []},
            **extra,
        }
    }


def archive(*tweets) -> bytes:
    return ("window.YTD.tweets.part0 = " + json.dumps(list(tweets), indent=2)).encode()


ORIGINAL = tweet(
    "1450000000000000001",
    "Our new course https://t.co/abc",
    entities={
        "hashtags": [],
        "symbols": [],
        "user_mentions": [],
        "urls": [{"url": "https://t.co/abc", "expanded_url": "https://acme.example/courses"}],
    },
)
REPLY = tweet(
    "1450000000000000002",
    "@ana thanks, glad it helped!",
    when="Mon Oct 18 11:00:00 +0000 2021",
    in_reply_to_status_id_str="1449999999999999999",
    in_reply_to_screen_name="ana",
    in_reply_to_user_id_str="42",
)
RETWEET = tweet(
    "1450000000000000003", "RT @bob: a fine paper", when="Tue Oct 19 09:00:00 +0000 2021"
)


@pytest.fixture
def channel():
    organization = OrganizationFactory(slug="acme", web_domains=["acme.example"])
    return ChannelFactory(organization=organization, key="tw", platform="twitter", handle="@acme")


def imported(channel, content: bytes, name="tweets.js", chosen=True):
    evidence = evidence_import_create(
        organization=channel.organization,
        file_name=name,
        size=len(content),
        content=content,
        channel=channel if chosen else None,
    )
    return evidence_import_execute(import_id=evidence.pk)


def test_an_x_archive_becomes_the_channels_posts_and_the_file_is_not_kept(channel):
    evidence = imported(channel, archive(ORIGINAL, REPLY, RETWEET))
    assert (evidence.status, evidence.error) == ("done", "")
    assert (evidence.items_read, evidence.posts_added, evidence.posts_known) == (3, 3, 0)
    assert evidence.content is None
    posts = {p.post_id: p for p in Post.objects.filter(channel=channel)}
    assert posts["1450000000000000001"].kind == "original"
    assert posts["1450000000000000001"].links == ["https://acme.example/courses"]
    assert posts["1450000000000000002"].kind == "reply"
    assert posts["1450000000000000003"].kind == "reshare"
    assert {p.format for p in posts.values()} == {evidence.format}


def test_overlapping_exports_never_store_a_post_twice(channel):
    imported(channel, archive(ORIGINAL, REPLY))
    second = imported(channel, archive(REPLY, RETWEET), name="tweets-later.js")
    assert (second.posts_added, second.posts_known) == (1, 1)
    assert Post.objects.filter(channel=channel).count() == 3


def test_a_post_listed_twice_in_one_file_is_stored_once(channel):
    evidence = imported(channel, archive(ORIGINAL, ORIGINAL))
    assert (evidence.posts_added, evidence.posts_known) == (1, 0)


def test_a_broken_file_is_refused_by_place_and_writes_nothing(channel):
    broken = archive(ORIGINAL, REPLY)[:-40]  # cut off in the middle of the second tweet
    evidence = imported(channel, broken)
    assert evidence.status == "failed"
    assert evidence.error.startswith("tweets.js")
    assert "line" in evidence.error
    assert not Post.objects.exists()


@override_settings(EVIDENCE_MAX_BYTES=1000)
def test_a_file_over_the_size_limit_is_refused_before_it_is_read(channel):
    class Unreadable(io.RawIOBase):
        def read(self, *args):
            raise AssertionError("the file was read")

    with pytest.raises(ValidationError) as refused:
        evidence_import_create(
            organization=channel.organization,
            file_name="huge.js",
            size=5_000_000,
            stream=Unreadable(),
            channel=channel,
        )
    assert refused.value.messages == [
        "huge.js: the file is 4.8 MB, over the limit of 1 kB. Export a shorter period, or "
        "split the file."
    ]
    assert not EvidenceImport.objects.exists()


def test_a_file_that_is_no_export_is_refused_on_upload(channel):
    with pytest.raises(ValidationError) as refused:
        imported(channel, b"<html><body>Not an export</body></html>", name="page.html")
    assert refused.value.messages[0].startswith("page.html: this is not an export")
    assert not EvidenceImport.objects.exists()


def test_posts_go_to_the_channel_their_account_names(channel):
    other = ChannelFactory(
        organization=channel.organization, key="labs", platform="twitter", handle="@acmelabs"
    )
    csv = (
        b'"Tweet id","Tweet permalink","Tweet text","time","impressions"\n'
        b'"958456106459611136","https://twitter.com/AcmeLabs/status/958456106459611136",'
        b'"Call starting","2018-01-30 21:45 +0000","3408.0"\n'
    )
    evidence = imported(
        channel, csv, name="tweet_activity_metrics_AcmeLabs_20180101_en.csv", chosen=False
    )
    assert evidence.status == "done", evidence.error
    assert list(Post.objects.values_list("channel__key", flat=True)) == [other.key]


def test_a_file_naming_no_known_account_asks_for_the_channel(channel):
    csv = (
        b'"Tweet id","Tweet permalink","Tweet text","time","impressions"\n'
        b'"958456106459611136","https://twitter.com/Stranger/status/958456106459611136",'
        b'"Hello","2018-01-30 21:45 +0000","3408.0"\n'
    )
    evidence = imported(channel, csv, name="metrics.csv", chosen=False)
    assert evidence.status == "failed"
    assert "no channel has the handle of the account 'stranger'" in evidence.error.lower()
    assert not Post.objects.exists()


def test_a_tools_csv_waits_for_its_columns_then_imports_and_remembers_them(channel):
    content = b"When,What,Who\n2024-01-05 16:05,Hello there,Ana\n2024-01-06 09:00,Again,Ben\n"
    evidence = evidence_import_create(
        organization=channel.organization,
        file_name="scheduler.csv",
        size=len(content),
        content=content,
        channel=channel,
    )
    evidence = evidence_import_execute(import_id=evidence.pk)
    assert (evidence.status, evidence.needs_mapping) == ("failed", True)
    assert evidence.content is not None  # kept until the columns are named
    evidence = evidence_import_map_columns(
        evidence=evidence,
        channel=channel,
        mapping={"date": "When", "text": "What", "author": "Who"},
    )
    evidence = evidence_import_execute(import_id=evidence.pk)
    assert (evidence.status, evidence.posts_added) == ("done", 2), evidence.error
    assert sorted(Post.objects.values_list("author", flat=True)) == ["Ana", "Ben"]
    assert ColumnMapping.objects.get(channel=channel).mapping["date"] == "When"


def test_executing_an_import_twice_changes_nothing(channel):
    evidence = imported(channel, archive(ORIGINAL))
    again = evidence_import_execute(import_id=evidence.pk)
    assert (again.status, again.posts_added) == ("done", 1)
    assert Post.objects.count() == 1


def test_a_manager_deletes_a_channels_evidence(channel):
    imported(channel, archive(ORIGINAL, REPLY))
    assert channel_evidence_delete(channel=channel) == 2
    assert not Post.objects.exists()
