"""Creation times carried by post ids, and reply delays measured from them."""

from datetime import UTC, datetime, timedelta

import pytest

from audits.evidence.formats.ids import mastodon_id_time, reply_delay_seconds, tid_time, x_id_time


def test_an_x_id_carries_its_creation_time_to_the_millisecond():
    # A real tweet of @rOpenSci, whose analytics export says "2018-01-30 21:45 +0000".
    assert x_id_time("958456106459611136") == datetime(2018, 1, 30, 21, 45, 17, 690000, tzinfo=UTC)
    assert x_id_time(958456106459611136) == x_id_time("958456106459611136")


@pytest.mark.parametrize("post_id", ["20", "29700859247", "", None, "12a", "-5", "1" * 25])
def test_an_x_id_from_before_snowflakes_or_not_an_id_has_no_time(post_id):
    assert x_id_time(post_id) is None


def test_a_mastodon_id_carries_its_creation_time():
    # mikrotik.social's status published "2023-08-08T13:15:33Z".
    moment = mastodon_id_time("110854178944343326")
    assert moment.tzinfo is UTC
    assert abs(moment - datetime(2023, 8, 8, 13, 15, 33, tzinfo=UTC)) < timedelta(seconds=1)


@pytest.mark.parametrize("status_id", ["12345", "AbCdEf123", "9kb3xz0a8f", "", None])
def test_an_old_mastodon_id_or_another_softwares_id_has_no_time(status_id):
    assert mastodon_id_time(status_id) is None


def test_a_bluesky_record_key_carries_its_creation_time_to_the_microsecond():
    # A post whose record says createdAt "2024-11-03T15:17:43.273Z".
    moment = tid_time("3la2ipr5qf32s")
    assert moment.tzinfo is UTC
    assert abs(moment - datetime(2024, 11, 3, 15, 17, 43, 273000, tzinfo=UTC)) < timedelta(
        seconds=1
    )


@pytest.mark.parametrize("key", ["self", "3la2ipr5qf32", "3la2ipr5qf32s0", "zzzzzzzzzzzzz", None])
def test_a_record_key_that_is_not_a_tid_has_no_time(key):
    assert tid_time(key) is None


def test_a_reply_delay_is_whole_seconds_after_the_answered_post():
    post = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
    assert reply_delay_seconds(post + timedelta(minutes=30, milliseconds=900), post) == 1800


def test_a_reply_a_little_before_its_post_is_clock_skew_and_counts_as_at_once():
    post = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
    assert reply_delay_seconds(post - timedelta(seconds=30), post) == 0


def test_no_delay_without_both_times_or_when_the_reply_is_long_before_its_post():
    post = datetime(2024, 3, 2, 10, 0, tzinfo=UTC)
    assert reply_delay_seconds(None, post) is None
    assert reply_delay_seconds(post, None) is None
    assert reply_delay_seconds(post - timedelta(hours=1), post) is None
