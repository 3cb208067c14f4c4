"""Any other tool's CSV: columns named once (or guessed from common names), then read."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audits.evidence.formats import generic_csv
from audits.evidence.formats.base import ORIGINAL, QUOTE, REPLY, RESHARE, UNKNOWN, EvidenceFileError

SAMPLES = Path(__file__).parent / "samples"
SCRAPE_MAPPING = {
    "date": "postTimestamp",
    "text": "postContent",
    "link": "postUrl",
    "kind": "action",
    "network": "linkedin",
}


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(content: bytes, mapping=None, *, timezone="UTC", name="export.csv") -> list:
    return list(
        generic_csv.read(
            io.BytesIO(content),
            info=generic_csv.GENERIC,
            name=name,
            timezone=timezone,
            mapping=mapping,
        )
    )


# --- detection and the mapping ----------------------------------------------------------------


def test_any_csv_with_a_header_is_taken_as_a_last_resort():
    assert generic_csv.looks_like(sample("scheduler_x.csv")[:4096]) is generic_csv.GENERIC
    assert generic_csv.looks_like(b"when;what\n") is generic_csv.GENERIC
    assert generic_csv.looks_like(b'{"orderedItems": []}') is None
    assert generic_csv.looks_like(b"PK\x03\x04\x14\x00xl/workbook.xml") is None


def test_the_mapping_is_suggested_from_common_column_names():
    header = ["Date", "Content", "Created by", "Labels", "Impressions", "Likes", "Url"]
    assert generic_csv.suggest_mapping(header) == {
        "date": "Date",
        "text": "Content",
        "link": "Url",
        "author": "Created by",
    }


def test_a_scrapes_post_time_is_preferred_to_the_time_it_was_scraped():
    """'timestamp' is when the page was scraped and 'postDate' reads '2mo'; 'postTimestamp' is
    the post's own time."""
    header = sample("scrape_linkedin.csv").split(b"\n")[0].decode().split(",")
    assert generic_csv.suggest_mapping(header) == {
        "date": "postTimestamp",
        "text": "postContent",
        "link": "postUrl",
    }


def test_without_a_mapping_a_file_whose_columns_are_not_found_is_refused_asking_for_them():
    content = b"when,what,where\n2024-01-05,hello,https://a.example/1\n"
    with pytest.raises(EvidenceFileError) as error:
        read(content)
    message = str(error.value)
    assert message.startswith(
        "export.csv: row 1: the planner needs to know which column holds the date and the "
        "text of each post."
    )
    assert "for the date: Date, Created date, Publish time, Published time" in message
    assert message.endswith("The file's columns are: when, what, where.")
    assert len(read(content, {"date": "when", "text": "what", "link": "where"})) == 1


def test_a_mapped_column_missing_from_the_file_is_named():
    with pytest.raises(EvidenceFileError, match='the column "Body" named for the text is not'):
        read(sample("scheduler_x.csv"), {"date": "Date", "text": "Body"})


# --- a scheduler's export ---------------------------------------------------------------------


def test_a_schedulers_x_export_keeps_ids_accounts_and_who_posted():
    """The id and the account come from the post's address; "Created by" is who posted."""
    posts = read(sample("scheduler_x.csv"))
    assert [(p.post_id, p.account, p.author) for p in posts] == [
        ("1743378130096550249", "AcmeGarden", "Sam Rivera"),
        ("1744449019886092322", "AcmeGarden", ""),
        ("1767546500000000000", "AcmeGarden", "Sam Rivera"),
        ("1770660000000000000", "AcmeJardin", "Ana Costa"),
    ]
    assert {p.network for p in posts} == {"other"}
    assert posts[0].url == "https://twitter.com/AcmeGarden/status/1743378130096550249"


def test_the_kind_is_unknown_except_a_retweet_written_rt_on_x_data():
    posts = read(sample("scheduler_x.csv"))
    assert [p.kind for p in posts] == [UNKNOWN, UNKNOWN, RESHARE, UNKNOWN]
    not_x = sample("scheduler_x.csv").replace(b"https://twitter.com/", b"https://social.example/")
    assert {p.kind for p in read(not_x)} == {UNKNOWN}
    assert not generic_csv.GENERIC.knows_replies and not generic_csv.GENERIC.knows_reshares


def test_media_polls_and_events_are_unknown():
    post = read(sample("scheduler_x.csv"))[0]
    assert (post.has_media, post.is_poll, post.is_event) == (None, None, None)


def test_dates_keep_the_offset_they_carry_and_read_00_pm_as_noon():
    posts = read(sample("scheduler_x.csv"), timezone="Asia/Tokyo")
    assert [p.published_at.astimezone(UTC) for p in posts] == [
        datetime(2024, 1, 5, 21, 5, tzinfo=UTC),
        datetime(2024, 1, 8, 17, 19, tzinfo=UTC),
        datetime(2024, 3, 12, 13, 0, tzinfo=UTC),
        datetime(2024, 3, 21, 4, 1, tzinfo=UTC),
    ]


def test_a_short_link_counts_as_a_link_whose_target_is_unknown():
    posts = read(sample("scheduler_x.csv"))
    assert posts[0].links == ("https://t.co/AbCdEf1234",)
    assert posts[1].links == (
        "https://acme-garden.example/wild-corners",
        "https://t.co/ZyXwVu9876",
    )


def test_naive_dates_are_local_time_and_a_day_first_file_names_its_format():
    content = b"Date,Content\n31/01/2024 21:30,late post\n"
    with pytest.raises(EvidenceFileError, match="row 2, column \"Date\": '31/01/2024 21:30'"):
        read(content, {"date": "Date", "text": "Content"})
    mapping = {"date": "Date", "text": "Content", "date_format": "%d/%m/%Y %H:%M"}
    (post,) = read(content, mapping, timezone="America/New_York")
    assert post.published_at.astimezone(UTC) == datetime(2024, 2, 1, 2, 30, tzinfo=UTC)


def test_a_broken_date_is_refused_with_its_row_and_column():
    content = sample("scheduler_x.csv").replace(b"03/12/2024 09:00 AM EDT -0400", b"31/31/2024")
    with pytest.raises(EvidenceFileError) as error:
        read(content, name="genv_twitter.csv")
    assert str(error.value).startswith(
        "genv_twitter.csv: row 4, column \"Date\": '31/31/2024' is not a date"
    )


# --- ids without an address -------------------------------------------------------------------


def test_without_id_or_address_the_id_is_a_hash_that_overlapping_exports_share():
    """The same post exported twice, its time shown in two zones, has one id."""
    first = (
        b"Date,Content\n01/05/2024 04:05 PM EST -0500,Hello\n01/06/2024 10:00 AM EST -0500,Bye\n"
    )
    second = b"Date,Content\n2024-01-05T21:05:00Z,Hello\n"
    ids = [p.post_id for p in read(first)]
    assert ids[0].startswith("sha256:") and ids[0] != ids[1]
    assert [p.post_id for p in read(second)] == ids[:1]


def test_a_mapped_id_column_wins_over_the_address():
    content = b"Id,Date,Text,Link\n42,2024-01-05 10:00,Hi,https://x.com/acme/status/1\n"
    (post,) = read(content, {"id": "Id", "date": "Date", "text": "Text", "link": "Link"})
    assert (post.post_id, post.account) == ("42", "acme")


# --- a kind column ----------------------------------------------------------------------------


def test_a_mapped_kind_column_tells_originals_from_reposts():
    posts = read(sample("scrape_linkedin.csv"), SCRAPE_MAPPING)
    assert [p.kind for p in posts] == [ORIGINAL, ORIGINAL, RESHARE]
    assert {p.network for p in posts} == {"linkedin"}
    assert posts[0].post_id == "urn:li:activity:7199430981362094081"
    assert posts[0].published_at == datetime(2024, 5, 23, 15, 28, 24, 916000, tzinfo=UTC)
    assert posts[1].links == ("https://acme-garden.example/wild-corners",)


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("Post", ORIGINAL),
        ("original", ORIGINAL),
        ("Acme Garden reposted this", RESHARE),
        ("Retweet", RESHARE),
        ("boost", RESHARE),
        ("Quote post", QUOTE),
        ("reply", REPLY),
        ("Acme commented on this", REPLY),
        ("Image", UNKNOWN),
        ("", UNKNOWN),
    ],
)
def test_kind_words(value, kind):
    assert generic_csv.kind_from_words(value) == kind


def test_an_unknown_network_is_refused():
    with pytest.raises(EvidenceFileError, match="'myspace' is not a network"):
        read(sample("scheduler_x.csv"), {"date": "Date", "text": "Content", "network": "myspace"})
