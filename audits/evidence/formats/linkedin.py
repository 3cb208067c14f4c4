"""LinkedIn page analytics export: the "All posts" sheet of the content export workbook.

A page admin downloads it from the page's Analytics > Posts (Content) > Export; the workbook has
a "Metrics" sheet of daily totals and an "All posts" sheet with a note on its first row, the
header on the second, and a post per row: `Post title, Post link, Post type, Campaign name,
Posted by, Created date, Campaign start date, Campaign end date, Audience, Impressions, ...,
Content Type` (older exports say "Update title", "Update link", "Update type"). It is read with
openpyxl, in read-only mode, one row at a time.

What the export shows, and how it is read:
- Every row is an update the page published itself (organic or sponsored): ORIGINAL. Comments
  are not updates, and the page's reposts of other posts are not reliably listed, so the format
  knows neither replies nor re-shares; a row whose type says "Repost" or "Reshare" is read as a
  RESHARE all the same.
- "Created date" is a day without an hour: the post is placed at noon of that day in the
  organization's time zone (the day is right; the hour is unknown).
- Media, polls and events from "Content Type" where the export has it (image, video, carousel
  are media; text, article, document are not); unknown otherwise.
- The text is the "Post title" (LinkedIn's start of the post's text); links are the addresses
  in it (LinkedIn's lnkd.in short links excepted: where they lead is not in the file).
- post_id is the post's URN from its link ("urn:li:activity:…", "urn:li:share:…"), the key
  LinkedIn itself uses; the account is not named in the rows (the person chooses the channel).
- An old binary Excel file (.xls, which LinkedIn has also exported) is refused with a request
  to save it as .xlsx: reading it would need a second, little-kept library for one format.
"""

import re
import shutil
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import datetime

from .base import ORIGINAL, RESHARE, EvidenceFileError, FormatInfo, ParsedPost
from .csvtools import Row, day_at_noon, file_error, find_column, linkedin_urn, links_in, local
from .csvtools import parse_datetime as parse_cell_datetime

LINKEDIN = FormatInfo(
    code="linkedin_xlsx",
    label="LinkedIn page analytics export (.xlsx, sheet All posts)",
    network="linkedin",
    knows_reshares=False,
    knows_replies=False,
    knows_media=True,
    knows_polls=True,
    extra={
        "knows_links": False,
        "knows_quotes": False,
        "account_named": False,
        "note": "Only the page's own updates; dates are days (placed at noon local time); "
        "links are lnkd.in short links where LinkedIn shortened them.",
    },
)
FORMATS = (LINKEDIN,)

SHEET = "All posts"
HEADER_SEARCH_ROWS = 10  # the header is on row 2; a few more rows allow for another note
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary Office files (.xls)

NAMES = {
    "title": ("Post title", "Update title"),
    "link": ("Post link", "Update link"),
    "type": ("Post type", "Update type"),
    "content": ("Content Type", "Content format"),
    "author": ("Posted by", "Published by"),
    "date": ("Created date", "Date", "Posted on", "Created on"),
}
MEDIA = {
    "image": True,
    "images": True,
    "photo": True,
    "video": True,
    "carousel": True,
    "multi-image": True,
    "multi image": True,
    "multiple images": True,
    "gif": True,
    "live": True,
    "live video": True,
    "text": False,
    "article": False,
    "link": False,
    "url": False,
    "document": False,
    "poll": False,
    "event": False,
    "newsletter": False,
    "celebration": False,
}
RESHARE_WORDS = ("repost", "reshare", "re-share")


def looks_like(head: bytes) -> FormatInfo | None:
    """An Excel workbook (a zip with an xl/ part), or an old binary Excel file (refused when
    read, with what to do). Whether it is LinkedIn's is told by its "All posts" sheet."""
    if head.startswith(OLE2_MAGIC):
        return LINKEDIN
    if not head.startswith(ZIP_MAGIC):
        return None
    if b"xl/" in head or (b"[Content_Types].xml" in head and not re.search(rb"word/|ppt/", head)):
        return LINKEDIN
    return None


def _seekable(stream):
    if getattr(stream, "seekable", lambda: False)():
        return stream
    copy = tempfile.SpooledTemporaryFile(max_size=8 * 1024 * 1024)  # noqa: SIM115 (read() owns it)
    shutil.copyfileobj(stream, copy)
    copy.seek(0)
    return copy


def _open_workbook(stream, name: str):
    import openpyxl  # here, so that telling formats apart never needs it

    stream = _seekable(stream)
    head = stream.read(len(OLE2_MAGIC))
    stream.seek(0)
    if head == OLE2_MAGIC:
        raise file_error(
            name,
            "this is an old binary Excel file (.xls). Open it in Excel, LibreOffice or Google "
            'Sheets, save it as "Excel Workbook (.xlsx)" and upload that.',
        )
    try:
        return openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as error:
        raise file_error(
            name, f"this is not an Excel workbook that can be read ({error})."
        ) from None


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _created(row: Row, column: str, value, timezone: str) -> datetime:
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            return value
        if (value.hour, value.minute, value.second) == (0, 0, 0):
            return day_at_noon(value.date(), timezone)  # a date cell: the day alone
        return local(value, timezone)
    try:
        return parse_cell_datetime(_cell_text(value), timezone=timezone)
    except ValueError as error:
        raise row.error(column, str(error)) from None


def _header(rows, where: str) -> list[str]:
    """The header's cells, the rows iterator left on the first row after it."""
    for number, values in rows:
        cells = [_cell_text(v) for v in values]
        if find_column(cells, *NAMES["link"]) and find_column(cells, *NAMES["date"]):
            return cells
        if number >= HEADER_SEARCH_ROWS:
            break
    raise file_error(
        where,
        f'the sheet has no header with the columns "Post link" and "Created date" '
        f"in its first {HEADER_SEARCH_ROWS} rows; this is not LinkedIn's post export.",
    )


def _kind(*types: str) -> str:
    said = " ".join(types).casefold()
    return RESHARE if any(word in said for word in RESHARE_WORDS) else ORIGINAL


def read(
    stream,
    *,
    info: FormatInfo = LINKEDIN,
    name: str = "",
    timezone: str = "UTC",
    mapping: dict | None = None,
) -> Iterator[ParsedPost]:
    """The posts of the "All posts" sheet, in sheet order (the mapping is not used)."""
    workbook = _open_workbook(stream, name)
    try:
        sheet_name = find_column(workbook.sheetnames, SHEET)
        if sheet_name is None:
            raise file_error(
                name,
                f'the workbook has no sheet "{SHEET}" (its sheets: '
                f"{', '.join(workbook.sheetnames)}). Export the posts (content) from the "
                "LinkedIn page's analytics, and upload that workbook.",
            )
        where = f'{name}, sheet "{SHEET}"' if name else f'sheet "{SHEET}"'
        rows = enumerate(workbook[sheet_name].iter_rows(values_only=True), start=1)
        header = _header(rows, where)
        columns = {what: find_column(header, *names) for what, names in NAMES.items()}
        for number, values in rows:
            raw = dict(zip(header, values, strict=False))
            if not any(_cell_text(v) for v in values):
                continue
            row = Row(
                number=number,
                cells={k: _cell_text(v) for k, v in raw.items() if k},
                file_name=where,
            )
            link = row.get(columns["link"])
            if not link:
                raise row.error(columns["link"], "the cell is empty; every post has its link")
            published_at = _created(row, columns["date"], raw.get(columns["date"]), timezone)
            post_type, content = row.get(columns["type"]), row.get(columns["content"])
            media_word = " ".join(content.casefold().split())
            known = columns["content"] is not None and media_word in MEDIA
            text = row.get(columns["title"])
            yield ParsedPost(
                network="linkedin",
                post_id=linkedin_urn(link) or link,
                account="",
                published_at=published_at,
                kind=_kind(post_type, content),
                text=text,
                links=links_in(text, own=link),
                has_media=MEDIA[media_word] if known else None,
                is_poll=(media_word == "poll") if known else None,
                is_event=(media_word == "event") if known else None,
                author=row.get(columns["author"]),
                url=link,
            )
    except EvidenceFileError:
        raise
    except (zipfile.BadZipFile, KeyError, OSError) as error:
        raise file_error(name, f"the workbook cannot be read to its end ({error}).") from None
    finally:
        workbook.close()
