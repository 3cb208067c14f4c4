"""LinkedIn's page analytics export: the "All posts" sheet of the .xlsx workbook."""

import io
from datetime import UTC, datetime

import openpyxl
import pytest

from audits.evidence.formats import linkedin
from audits.evidence.formats.base import ORIGINAL, RESHARE, EvidenceFileError

HEADER = [
    "Post title",
    "Post link",
    "Post type",
    "Campaign name",
    "Posted by",
    "Created date",
    "Campaign start date",
    "Campaign end date",
    "Audience",
    "Impressions",
    "Views (excluding off-site video views)",
    "Off-site views",
    "Clicks",
    "Click through rate (CTR)",
    "Likes",
    "Comments",
    "Reposts",
    "Follows",
    "Engagement rate",
    "Content Type",
]
LINK = "https://www.linkedin.com/feed/update/urn:li:activity:71484{}"


def post_row(title, number, post_type, author, created, content_type):
    metrics = [812, 0, 0, 25, 0.031, 14, 2, 1, 0, 0.052]
    row = [title, LINK.format(number), post_type, "", author, created, "", "", "All followers"]
    return row + metrics + [content_type]


ROWS = [
    post_row(
        "Our seed guide is out: https://acme-garden.example/guide https://lnkd.in/eVXk",
        "001",
        "Organic",
        "Sam Rivera",
        "01/31/2024",
        "Image",
    ),
    post_row("Pruning, in two minutes", "002", "Sponsored", "", datetime(2024, 2, 1), "Video"),
    post_row("Which seeds next?", "003", "Organic", "Ana Costa", "02/05/2024", "Poll"),
    post_row("Open day on Saturday", "004", "Organic", "Ana Costa", "02/07/2024", "Event"),
    post_row("From the Bees Trust", "005", "Repost", "Ana Costa", "02/09/2024", "Text"),
    post_row("Something new", "006", "Organic", "", "02/10/2024", "Hologram"),
]


def workbook(rows=ROWS, *, header=HEADER, sheet="All posts") -> bytes:
    book = openpyxl.Workbook()
    book.active.title = "Metrics"
    book.active.append(["Aggregated metrics for the page"])
    posts = book.create_sheet(sheet)
    posts.append(["All posts for the selected dates. Sponsored posts are included."])
    posts.append(header)
    for row in rows:
        posts.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def read(content: bytes, *, timezone="Europe/Berlin", name="acme_content.xlsx") -> list:
    return list(
        linkedin.read(io.BytesIO(content), info=linkedin.LINKEDIN, name=name, timezone=timezone)
    )


# --- detection --------------------------------------------------------------------------------


def test_an_excel_workbook_is_told_by_its_content():
    assert linkedin.looks_like(workbook()[:4096]) is linkedin.LINKEDIN


@pytest.mark.parametrize(
    "head",
    [
        b"Post title,Post link,Created date\n",  # a CSV, even with LinkedIn's columns
        b"PK\x03\x04\x14\x00\x00\x00data/tweets.js",  # a zip that is no workbook
        b'{"feed": []}',
    ],
)
def test_other_content_is_not_taken_for_a_workbook(head):
    assert linkedin.looks_like(head) is None


def test_an_old_binary_xls_is_recognised_and_refused_asking_for_xlsx():
    old = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    assert linkedin.looks_like(old) is linkedin.LINKEDIN
    with pytest.raises(EvidenceFileError) as error:
        read(old)
    assert str(error.value).startswith("acme_content.xlsx: this is an old binary Excel file")
    assert 'save it as "Excel Workbook (.xlsx)"' in str(error.value)


# --- reading ----------------------------------------------------------------------------------


def test_posts_are_the_pages_own_updates_keyed_by_their_urn():
    posts = read(workbook())
    assert [p.post_id for p in posts] == [
        f"urn:li:activity:71484{n:03}" for n in range(1, len(ROWS) + 1)
    ]
    assert {p.network for p in posts} == {"linkedin"}
    assert posts[0].url == LINK.format("001")
    assert [p.author for p in posts[:3]] == ["Sam Rivera", "", "Ana Costa"]


def test_organic_and_sponsored_posts_are_originals_and_a_repost_is_a_reshare():
    assert [p.kind for p in read(workbook())] == [ORIGINAL] * 4 + [RESHARE, ORIGINAL]


def test_what_the_export_cannot_tell_stays_unknown():
    """The export does not list comments or reliably list reposts; the rows name no account."""
    assert not linkedin.LINKEDIN.knows_replies and not linkedin.LINKEDIN.knows_reshares
    post = read(workbook())[0]
    assert post.account == "" and post.in_reply_to_id is None


def test_media_polls_and_events_from_the_content_type():
    posts = read(workbook())
    assert [(p.has_media, p.is_poll, p.is_event) for p in posts] == [
        (True, False, False),
        (True, False, False),
        (False, True, False),
        (False, False, True),
        (False, False, False),
        (None, None, None),  # a content type this reader does not know
    ]


def test_without_a_content_type_column_media_is_unknown():
    header = HEADER[:-1]
    posts = read(workbook([row[:-1] for row in ROWS], header=header))
    assert {(p.has_media, p.is_poll) for p in posts} == {(None, None)}


def test_a_created_date_is_noon_of_that_day_in_the_organizations_zone():
    """A text date and a date cell alike: 31 January at 12:00 in Berlin is 11:00 UTC."""
    posts = read(workbook())
    assert posts[0].published_at.astimezone(UTC) == datetime(2024, 1, 31, 11, 0, tzinfo=UTC)
    assert posts[1].published_at.astimezone(UTC) == datetime(2024, 2, 1, 11, 0, tzinfo=UTC)
    honolulu = read(workbook(), timezone="Pacific/Honolulu")
    assert honolulu[0].published_at.astimezone(UTC).date().isoformat() == "2024-01-31"


def test_a_date_cell_with_a_time_is_local_time():
    rows = [post_row("x", "010", "Organic", "", datetime(2024, 2, 1, 18, 30), "Text")]
    (post,) = read(workbook(rows))
    assert post.published_at.astimezone(UTC) == datetime(2024, 2, 1, 17, 30, tzinfo=UTC)


def test_links_from_the_title_keep_a_short_link_as_a_link_of_unknown_target():
    assert read(workbook())[0].links == (
        "https://acme-garden.example/guide",
        "https://lnkd.in/eVXk",
    )


def test_blank_rows_are_skipped():
    rows = [ROWS[0], [None] * len(HEADER), ROWS[1]]
    assert len(read(workbook(rows))) == 2


# --- broken files -----------------------------------------------------------------------------


def test_a_broken_date_is_refused_with_its_sheet_row_and_column():
    rows = [ROWS[0], ROWS[1], post_row("x", "009", "Organic", "", "31/31/2024", "Text")]
    with pytest.raises(EvidenceFileError) as error:
        read(workbook(rows))
    assert str(error.value).startswith(
        'acme_content.xlsx, sheet "All posts": row 5, column "Created date": '
        "'31/31/2024' is not a date"
    )


def test_a_row_without_its_link_is_refused():
    rows = [ROWS[0], ["Lost", None, "Organic", "", "", "02/01/2024"] + [0] * 13 + ["Text"]]
    with pytest.raises(EvidenceFileError, match='row 4, column "Post link": the cell is empty'):
        read(workbook(rows))


def test_a_workbook_without_all_posts_is_refused_naming_its_sheets():
    with pytest.raises(EvidenceFileError) as error:
        read(workbook(sheet="Followers"))
    assert 'has no sheet "All posts" (its sheets: Metrics, Followers)' in str(error.value)


def test_a_sheet_without_the_header_is_refused():
    with pytest.raises(EvidenceFileError, match='no header with the columns "Post link"'):
        read(workbook(header=["Title", "Link", "When"]))


def test_a_file_that_is_not_a_workbook_is_refused():
    with pytest.raises(EvidenceFileError, match="this is not an Excel workbook"):
        read(b"PK\x03\x04 not really a zip")
