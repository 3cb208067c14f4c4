"""Meta Business Suite post exports: Instagram and Facebook, told by their columns."""

import io
from datetime import UTC, datetime
from pathlib import Path

import pytest

from audits.evidence.formats import meta
from audits.evidence.formats.base import ORIGINAL, RESHARE, EvidenceFileError

SAMPLES = Path(__file__).parent / "samples"
NEW_YORK = "America/New_York"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def read(content: bytes, info, *, timezone: str = NEW_YORK, name: str = "export.csv") -> list:
    return list(meta.read(io.BytesIO(content), info=info, name=name, timezone=timezone))


# --- detection --------------------------------------------------------------------------------


def test_instagram_and_facebook_exports_are_told_by_their_columns():
    assert meta.looks_like(sample("meta_instagram.csv")[:4096]) is meta.INSTAGRAM
    assert meta.looks_like(sample("meta_facebook.csv")[:4096]) is meta.FACEBOOK
    assert meta.looks_like(b"\xef\xbb\xbf" + sample("meta_instagram.csv")[:200]) is meta.INSTAGRAM


@pytest.mark.parametrize(
    "head",
    [
        b"Date,Content,Created by,Labels,Impressions,Url\n",  # a scheduler's CSV
        b"Post ID,Publish time,Text\n1,01/01/2024 10:00,x\n",  # too few of Meta's columns
        b'[{"id": "1"}]',
        b"",
    ],
)
def test_other_content_is_not_taken_for_a_meta_export(head):
    assert meta.looks_like(head) is None


# --- Instagram --------------------------------------------------------------------------------


def test_instagram_posts_are_the_accounts_own_with_media_and_each_rows_account():
    posts = read(sample("meta_instagram.csv"), meta.INSTAGRAM)
    assert [(p.post_id, p.account, p.network) for p in posts] == [
        ("17900000000000001", "acme.garden", "instagram"),
        ("17900000000000002", "acme.garden", "instagram"),
        ("17900000000000003", "acme.kitchen", "instagram"),
    ]
    assert {p.kind for p in posts} == {ORIGINAL}
    assert {p.has_media for p in posts} == {True}
    assert posts[1].url == "https://www.instagram.com/reel/C2bbbbbbbbb/"


def test_what_the_instagram_export_cannot_tell_stays_unknown():
    """No replies, no re-shares, no polls in the file: the format says so, and the posts say
    None rather than False."""
    assert not meta.INSTAGRAM.knows_replies and not meta.INSTAGRAM.knows_reshares
    assert not meta.INSTAGRAM.knows_polls
    post = read(sample("meta_instagram.csv"), meta.INSTAGRAM)[0]
    assert post.is_poll is None and post.is_event is None and post.in_reply_to_id is None


def test_naive_publish_times_are_read_in_the_organizations_zone():
    """'01/31/2024 21:30' in New York is 02:30 UTC on 1 February: the month changes."""
    posts = read(sample("meta_instagram.csv"), meta.INSTAGRAM)
    assert posts[0].published_at == datetime(2024, 2, 1, 2, 30, tzinfo=UTC)
    london = read(sample("meta_instagram.csv"), meta.INSTAGRAM, timezone="Europe/London")
    assert london[0].published_at == datetime(2024, 1, 31, 21, 30, tzinfo=UTC)


def test_text_with_its_line_breaks_and_links_from_the_description():
    post = read(sample("meta_instagram.csv"), meta.INSTAGRAM)[0]
    assert post.text.startswith("Spring is here 🌱\n\nOur new seed guide")
    assert post.links == ("https://acme-garden.example/guide",)
    assert read(sample("meta_instagram.csv"), meta.INSTAGRAM)[2].text == (
        'Tonight\'s soup, with the "good" beans'
    )


# --- Facebook ---------------------------------------------------------------------------------


def test_facebook_media_follows_the_post_type_and_the_page_names_the_account():
    posts = read(sample("meta_facebook.csv"), meta.FACEBOOK)
    assert [(p.network, p.account) for p in posts] == [("facebook", "Acme Garden")] * 5
    assert [p.has_media for p in posts] == [True, True, False, False, None]
    assert posts[0].post_id == "105000000000001_122100000000001"
    assert posts[1].text == "Pruning in two minutes"


def test_a_facebook_share_is_a_reshare_and_the_rest_are_originals():
    posts = read(sample("meta_facebook.csv"), meta.FACEBOOK)
    assert [p.kind for p in posts] == [ORIGINAL] * 4 + [RESHARE]


def test_facebook_links_come_from_the_description_without_the_post_itself():
    posts = read(sample("meta_facebook.csv"), meta.FACEBOOK)
    assert posts[0].links == ("https://acme-garden.example/library",)
    assert posts[2].links == ("https://www.bees.example/wild-corners",)
    assert posts[3].links == ()


def test_facebook_times_in_the_spring_forward_night_are_still_read():
    posts = read(sample("meta_facebook.csv"), meta.FACEBOOK)
    assert posts[1].published_at.astimezone(UTC) == datetime(2024, 3, 10, 6, 30, tzinfo=UTC)
    assert posts[2].published_at.astimezone(UTC) == datetime(2024, 4, 1, 3, 15, tzinfo=UTC)


def test_a_mixed_export_takes_each_rows_network_from_its_post_type():
    content = sample("meta_facebook.csv").replace(b"Photos", b"IG image", 1)
    assert [p.network for p in read(content, meta.FACEBOOK)][:2] == ["instagram", "facebook"]


# --- broken files -----------------------------------------------------------------------------


def test_a_broken_date_is_refused_with_its_row_and_column():
    """The row is the spreadsheet's: the first post's text spans five lines, yet the second
    post is row 3."""
    content = sample("meta_instagram.csv").replace(b"02/01/2024 08:05", b"31/31/2024")
    with pytest.raises(EvidenceFileError) as error:
        read(content, meta.INSTAGRAM, name="veg3_ig.csv")
    assert str(error.value).startswith(
        "veg3_ig.csv: row 3, column \"Publish time\": '31/31/2024' is not a date"
    )


def test_a_post_id_rounded_by_a_spreadsheet_is_refused():
    content = sample("meta_instagram.csv").replace(b"17900000000000003,", b"1.79E+16,")
    with pytest.raises(EvidenceFileError) as error:
        read(content, meta.INSTAGRAM)
    assert "row 4, column \"Post ID\": '1.79E+16' is not a post id" in str(error.value)
    assert "rounded" in str(error.value)


def test_an_export_without_its_publish_time_column_is_refused_naming_it():
    content = sample("meta_instagram.csv").replace(b"Publish time", b"Published")
    with pytest.raises(EvidenceFileError, match='row 1: the header has no column "Publish time"'):
        read(content, meta.INSTAGRAM)


def test_an_empty_export_is_refused():
    with pytest.raises(EvidenceFileError, match="export.csv: the file is empty"):
        read(b"", meta.INSTAGRAM)


def test_an_export_with_no_posts_gives_none():
    header = sample("meta_instagram.csv").split(b"\n")[0] + b"\n"
    assert read(header, meta.INSTAGRAM) == []
