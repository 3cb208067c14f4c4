"""The CSV readers' shared pieces: decoding, header, rows that name their place, dates, links."""

import io
from datetime import UTC, datetime, timedelta

import pytest

from audits.evidence.formats.base import EvidenceFileError
from audits.evidence.formats.csvtools import (
    CsvTable,
    account_from_url,
    content_id,
    links_in,
    parse_datetime,
    post_id_from_url,
    sniff_header,
)


def table(content: bytes, name: str = "posts.csv") -> CsvTable:
    return CsvTable.open(io.BytesIO(content), name=name)


def rows(content: bytes) -> list:
    return list(table(content))


def test_a_byte_order_mark_is_dropped_from_the_first_column():
    """Excel's "CSV UTF-8" begins with a BOM; the first column is still found by its name."""
    t = table(b"\xef\xbb\xbfDate,Content\n01/05/2024 16:05,hi\n")
    assert t.header == ["Date", "Content"]
    assert [r.get("Date") for r in t] == ["01/05/2024 16:05"]


def test_rows_are_numbered_as_a_spreadsheet_shows_them():
    """The header is row 1; a cell holding line breaks keeps its row one row; blank rows are
    skipped but still counted."""
    found = rows(b'Date,Content\n01/05/2024,"two\nlines"\n\n01/06/2024,next\n')
    assert [(r.number, r.get("Content")) for r in found] == [(2, "two\nlines"), (4, "next")]


def test_a_file_that_is_not_utf8_is_refused_at_its_line_with_the_encoding_expected():
    content = "Date,Content\n01/05/2024,ok\n01/06/2024,café\n".encode("cp1252")
    with pytest.raises(EvidenceFileError) as error:
        rows(content)
    message = str(error.value)
    assert message.startswith("posts.csv: line 3: the text is not UTF-8 (byte 0xE9")
    assert 'save the file again as "CSV UTF-8' in message


def test_utf16_text_is_refused_with_what_to_save_instead():
    with pytest.raises(EvidenceFileError, match="UTF-16 text.*CSV UTF-8"):
        table("Date\tContent\n".encode("utf-16"))


@pytest.mark.parametrize("content", [b"", b"\n\r\n  \n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_refused(content):
    with pytest.raises(EvidenceFileError, match="posts.csv: the file is empty"):
        table(content)


def test_a_header_of_one_column_is_not_a_csv_export():
    with pytest.raises(EvidenceFileError, match="row 1: the first row is not a header"):
        table(b"just some text\nmore text\n")


def test_the_delimiter_is_sniffed_from_the_header():
    """Spreadsheets in many countries save with semicolons; a comma inside quotes is no
    delimiter."""
    t = table(b'Date;"Content, full";Url\n05/01/2024;hi, there;https://a.example\n')
    assert t.header == ["Date", "Content, full", "Url"]
    assert [r.get("Content, full") for r in t] == ["hi, there"]


def test_a_row_with_too_many_cells_is_refused_with_its_row():
    with pytest.raises(EvidenceFileError) as error:
        rows(b"Date,Content\n01/05/2024,ok\n01/06/2024,one,two\n")
    assert str(error.value).startswith("posts.csv: row 3: the row has 3 cells where the header")


def test_a_quote_left_open_is_refused_with_the_row_where_it_opens():
    with pytest.raises(EvidenceFileError) as error:
        rows(b'Date,Content\n01/05/2024,ok\n01/06/2024,"never closed\n01/07/2024,x\n')
    assert str(error.value) == (
        "posts.csv: row 3: a quoted cell is never closed: the file may be cut short"
    )


def test_required_columns_are_named_when_the_header_lacks_them():
    t = table(b"Post ID,Text\n1,hi\n")
    with pytest.raises(EvidenceFileError) as error:
        t.require({"time": ("Publish time",), "id": ("Post ID",), "link": ("Permalink",)})
    assert str(error.value) == (
        'posts.csv: row 1: the header has no column "Publish time", "Permalink"; '
        "its columns are: Post ID, Text."
    )


def test_a_cell_error_names_row_and_column():
    row = rows(b"Date,Content\n01/05/2024,ok\n")[0]
    assert str(row.error("Date", "bad")) == 'posts.csv: row 2, column "Date": bad'


def test_sniff_header_reads_the_first_line_only_and_tells_csv_from_other_content():
    assert sniff_header(b"\xef\xbb\xbfPost ID,Publish time\n1,") == ["Post ID", "Publish time"]
    assert sniff_header(b'[{"id": 1}]') is None
    assert sniff_header(b"window.YTD.tweets.part0 = [") is None
    assert sniff_header(b"PK\x03\x04\x14\x00\x00\x00") is None
    assert sniff_header(b"") is None


# --- dates ------------------------------------------------------------------------------------


def utc(*args) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("01/05/2024 04:05 PM EST -0500", utc(2024, 1, 5, 21, 5)),
        ("01/01/2024 00:19 PM EST -0500", utc(2024, 1, 1, 17, 19)),  # 00 PM is noon
        ("01/01/2024 00:19 AM IST +0530", utc(2023, 12, 31, 18, 49)),  # 00 AM is midnight
        ("01/01/2024 12:19 PM -0500", utc(2024, 1, 1, 17, 19)),
        ("2024-05-23T15:28:24.916Z", utc(2024, 5, 23, 15, 28, 24, 916000)),
        ("2024-01-05T16:05:00+01:00", utc(2024, 1, 5, 15, 5)),
        ("06/20/2024 09:03 UTC", utc(2024, 6, 20, 9, 3)),
        ("1704470700", utc(2024, 1, 5, 16, 5)),
        ("1704470700000", utc(2024, 1, 5, 16, 5)),
    ],
)
def test_times_with_their_own_zone_keep_it(value, expected):
    assert parse_datetime(value, timezone="Asia/Tokyo") == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("06/20/2024 09:03", utc(2024, 6, 20, 13, 3)),  # New York in summer: UTC-4
        ("01/31/2024 21:30", utc(2024, 2, 1, 2, 30)),  # winter, and the next month in UTC
        ("2024-01-05 16:05", utc(2024, 1, 5, 21, 5)),
        ("2024/01/05 16:05", utc(2024, 1, 5, 21, 5)),
        ("Jan 5, 2024 4:05 PM", utc(2024, 1, 5, 21, 5)),
        ("1/5/24 16:05", utc(2024, 1, 5, 21, 5)),  # as Excel re-saves it
    ],
)
def test_naive_times_are_the_organizations_local_time(value, expected):
    assert parse_datetime(value, timezone="America/New_York") == expected


@pytest.mark.parametrize("value", ["01/05/2024", "2024-01-05", "5 January 2024"])
def test_a_date_without_a_time_is_noon_local_so_its_day_survives_in_utc(value):
    for zone in ("Pacific/Honolulu", "Asia/Kolkata", "Europe/Berlin"):
        moment = parse_datetime(value, timezone=zone)
        assert moment.hour == 12 and moment.astimezone(UTC).date().isoformat() == "2024-01-05"


def test_slash_dates_are_month_first_and_a_day_first_file_names_its_format():
    with pytest.raises(ValueError) as error:
        parse_datetime("31/12/2024 10:00", timezone="UTC")
    assert str(error.value).startswith("'31/12/2024 10:00' is not a date: dates are read month")
    assert parse_datetime(
        "31/12/2024 10:00", timezone="Europe/Paris", date_format="%d/%m/%Y %H:%M"
    ) == utc(2024, 12, 31, 9, 0)


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("31/31/2024", "'31/31/2024' is not a date"),
        ("02/30/2024 10:00", "'02/30/2024 10:00' is not a date"),
        ("01/05/2024 13:05 PM", "is not a time"),
        ("soon", "'soon' is not a date"),
        ("", "the cell is empty"),
        ("01/05/2024 04:05 PM EST", "names its time zone only as 'EST'"),
    ],
)
def test_what_is_not_a_date_is_said_in_words(value, words):
    with pytest.raises(ValueError, match=words):
        parse_datetime(value, timezone="UTC")


def test_a_naive_time_in_the_hour_repeated_in_autumn_is_read_as_the_first():
    moment = parse_datetime("11/03/2024 01:30", timezone="America/New_York")
    assert moment.utcoffset() == timedelta(hours=-4)


# --- links and addresses ----------------------------------------------------------------------


def test_links_are_the_texts_addresses_short_links_included_but_not_the_post_itself():
    text = (
        "New guide (https://acme.example/guide). Also www.bees.example/wild, "
        "https://t.co/AbC123 https://lnkd.in/x https://acme.example/guide "
        "https://en.wikipedia.org/wiki/Bee_(disambiguation) https://acme.example/p/1"
    )
    assert links_in(text, own="https://acme.example/p/1/") == (
        "https://acme.example/guide",
        "https://www.bees.example/wild",
        "https://t.co/AbC123",  # a link whose target the file does not give
        "https://lnkd.in/x",
        "https://en.wikipedia.org/wiki/Bee_(disambiguation)",
    )


def test_post_ids_and_accounts_from_post_addresses():
    x = "https://twitter.com/GenV_Eng/status/1743378130096550249"
    assert post_id_from_url(x) == "1743378130096550249"
    assert account_from_url(x) == "GenV_Eng"
    assert account_from_url("https://x.com/acme/status/1") == "acme"
    li = "https://www.linkedin.com/feed/update/urn:li:share:7148032205607321601"
    assert post_id_from_url(li) == "urn:li:share:7148032205607321601"
    assert account_from_url(li) == ""
    assert account_from_url("https://mikrotik.social/@mikrotik/110000000000000001") == (
        "mikrotik@mikrotik.social"
    )
    assert account_from_url("https://bsky.app/profile/benoist.dev/post/3l7abc") == "benoist.dev"
    fb = "https://www.facebook.com/421477633536733"
    assert (post_id_from_url(fb), account_from_url(fb)) == (fb, "")


def test_content_id_is_the_same_for_the_same_moment_and_text_in_any_zone():
    a = parse_datetime("01/05/2024 04:05 PM EST -0500", timezone="UTC")
    b = parse_datetime("2024-01-05T21:05:00Z", timezone="UTC")
    assert content_id(a, "Hello  world") == content_id(b, "Hello world")
    assert content_id(a, "Hello") != content_id(a, "Hello!")
    assert content_id(a, "x").startswith("sha256:")
