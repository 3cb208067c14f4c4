"""What the CSV readers share: decoding, the header, rows that know their place, dates, links.

A CSV is read as UTF-8 (a leading byte-order mark is dropped), one line at a time, so a file that
is not UTF-8 is refused at the line where it stops being so. Rows are numbered as a spreadsheet
shows them (the header is row 1, the first post row 2; a cell holding line breaks keeps its row
one row), and every refusal names its place: `row 7, column "Publish time": '31/31/2024' is not a
date`.

Dates. The exports write month/day/year ("06/20/2024 09:03", "01/05/2024 04:05 PM EST -0500"),
ISO ("2024-01-05 16:05", "2024-05-23T15:28:24.916Z"), or a Unix time. A slash date is read month
first, never guessed per row (a file that writes day first names its format once, see
`parse_datetime`). A time with an offset keeps it; a time without one is the organization's
local time. A date without a time is taken at noon local time: the day is right, the hour is
not known, and noon keeps the same calendar day in UTC for every zone from UTC-11 to UTC+11.
"""

import csv
import hashlib
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from datetime import timezone as fixed_zone
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .base import EvidenceFileError

UTF8_BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
DELIMITERS = (",", ";", "\t")
NOON = time(12, 0)


# --- places -----------------------------------------------------------------------------------


def place(name: str = "", *, row: int | None = None, column: str | None = None, line=None) -> str:
    """Where in a file something is, in words: 'veg3_ig.csv: row 7, column "Publish time"'."""
    parts = []
    if line is not None:
        parts.append(f"line {line}")
    if row is not None:
        parts.append(f"row {row}")
    if column is not None:
        parts.append(f'column "{column}"')
    where = ", ".join(parts)
    if name and where:
        return f"{name}: {where}"
    return name or where


def file_error(name: str, message: str, **where) -> EvidenceFileError:
    at = place(name, **where)
    return EvidenceFileError(f"{at}: {message}" if at else message)


# --- decoding ---------------------------------------------------------------------------------


def head_text(head: bytes) -> str | None:
    """The first bytes of a file as text, for telling its format; None when they are not text
    (a zip, a spreadsheet, UTF-16). A multi-byte character cut at the end is dropped, and a
    stray byte that is not UTF-8 is replaced, so that a CSV in another encoding is still
    recognised and then refused by `text_lines` with its line."""
    if head.startswith(UTF16_BOMS) or b"\x00" in head:
        return None
    return head.removeprefix(UTF8_BOM).decode("utf-8", errors="replace")


def text_lines(stream, *, name: str = "") -> Iterator[str]:
    """The lines of a binary (or text) stream as text, line endings kept, as `csv` wants them."""
    for number, raw in enumerate(stream, start=1):
        if isinstance(raw, str):
            yield raw.removeprefix("\ufeff") if number == 1 else raw
            continue
        if number == 1:
            if raw.startswith(UTF16_BOMS):
                raise file_error(
                    name,
                    "the file is UTF-16 text; the planner reads CSV files in UTF-8. Save it "
                    'again as "CSV UTF-8 (comma delimited)" and upload that.',
                )
            raw = raw.removeprefix(UTF8_BOM)
        try:
            yield raw.decode("utf-8")
        except UnicodeDecodeError as error:
            byte = raw[error.start : error.start + 1].hex().upper()
            raise file_error(
                name,
                f"the text is not UTF-8 (byte 0x{byte} at character {error.start + 1}). "
                "The planner reads CSV files in UTF-8, as the networks export them: save the "
                'file again as "CSV UTF-8 (comma delimited)" and upload that.',
                line=number,
            ) from None


# --- header and rows --------------------------------------------------------------------------


def column_key(name: str) -> str:
    """A column name in the form names are compared in: 'Publish time' == 'publish  TIME'."""
    return " ".join(name.replace("\ufeff", "").split()).casefold()


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: the one of , ; tab found most often outside quotes."""
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # ties go to the comma, listed first
    return best if counts[best] else ","


def sniff_header(head: bytes) -> list[str] | None:
    """The column names of a CSV from its first bytes; None when they do not begin a CSV with
    at least two named columns (JSON, JavaScript, a spreadsheet, a blank file)."""
    text = head_text(head)
    if text is None:
        return None
    text = text.lstrip("\r\n")
    if not text.strip() or text.lstrip()[:1] in "[{<":
        return None
    first_line = text.splitlines()[0] if text else ""
    try:
        header = next(csv.reader([first_line], delimiter=sniff_delimiter(first_line)))
    except (csv.Error, StopIteration):
        return None
    header = [cell.strip() for cell in header]
    return header if sum(1 for cell in header if cell) >= 2 else None


def find_column(header: Iterable[str], *names: str) -> str | None:
    """The first of `names` the header has (compared as `column_key` does), as the header
    spells it; None when it has none of them."""
    spelled = {}
    for column in header:
        spelled.setdefault(column_key(column), column)
    for wanted in names:
        if column_key(wanted) in spelled:
            return spelled[column_key(wanted)]
    return None


@dataclass(frozen=True)
class Row:
    """One row of a table, numbered as a spreadsheet shows it, that names its place in errors."""

    number: int
    cells: dict[str, str]
    file_name: str = ""

    def get(self, column: str | None) -> str:
        """The cell of `column`, without surrounding blanks ('' for no column or no cell)."""
        if column is None:
            return ""
        value = self.cells.get(column)
        return "" if value is None else str(value).strip()

    def error(self, column: str | None, message: str) -> EvidenceFileError:
        return file_error(self.file_name, message, row=self.number, column=column)


_CSV_TROUBLE = {
    "unexpected end of data": "a quoted cell is never closed: the file may be cut short",
    "field larger than field limit": "a cell is far too long: probably a quote that is never "
    "closed",
    "expected after": "a quote inside a cell is not doubled, so the cell ends too early",
    "new-line character seen in unquoted field": "a line ends inside a cell that is not quoted",
}


def _csv_trouble(error: csv.Error) -> str:
    text = str(error)
    for clue, words in _CSV_TROUBLE.items():
        if clue in text:
            return words
    return f"the CSV cannot be read ({text})"


class CsvTable:
    """A CSV file's header and its rows, read as the file is iterated (never whole).

    `CsvTable.open(stream, name=...)` reads the header at once, so an empty file or one whose
    header lacks a column is refused before any row is read; iterating gives `Row`s. Blank rows
    are skipped; a row with more or fewer cells than the header is refused (a quote left open,
    a file cut short)."""

    def __init__(self, header: list[str], records: Iterator[list[str]], *, name: str):
        self.header = header
        self.name = name
        self._records = records

    @classmethod
    def open(cls, stream, *, name: str = "") -> "CsvTable":
        lines = _PeekableLines(text_lines(stream, name=name))
        first = lines.peek_content()
        if first is None:
            raise file_error(name, "the file is empty.")
        reader = csv.reader(lines, delimiter=sniff_delimiter(first), strict=True)
        try:
            header = next(reader)
        except csv.Error as error:
            raise file_error(name, _csv_trouble(error), row=1) from None
        header = [cell.replace("\ufeff", "").strip() for cell in header]
        if sum(1 for cell in header if cell) < 2:
            raise file_error(
                name,
                "the first row is not a header of named columns (a CSV export begins with one).",
                row=1,
            )
        return cls(header, reader, name=name)

    def column(self, *names: str) -> str | None:
        return find_column(self.header, *names)

    def require(self, needed: dict[str, tuple[str, ...]]) -> dict[str, str]:
        """The header's spelling of each needed column ({what: (names it may have)}); refuses
        the file naming every column it lacks."""
        found = {what: self.column(*names) for what, names in needed.items()}
        missing = [names[0] for what, names in needed.items() if found[what] is None]
        if missing:
            listed = ", ".join(f'"{m}"' for m in missing)
            raise file_error(
                self.name,
                f"the header has no column {listed}; its columns are: {', '.join(self.header)}.",
                row=1,
            )
        return found

    def __iter__(self) -> Iterator[Row]:
        number = 1
        width = len(self.header)
        while True:
            try:
                cells = next(self._records)
            except StopIteration:
                return
            except csv.Error as error:
                raise file_error(self.name, _csv_trouble(error), row=number + 1) from None
            number += 1
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != width:
                raise file_error(
                    self.name,
                    f"the row has {len(cells)} cells where the header has {width}: a quote may "
                    "be left open, a cell may hold an unquoted delimiter, or the file may be "
                    "cut short.",
                    row=number,
                )
            yield Row(
                number=number, cells=dict(zip(self.header, cells, strict=True)), file_name=self.name
            )


class _PeekableLines:
    """Lines as `csv.reader` wants them, with a look at the first one that is not blank."""

    def __init__(self, lines: Iterator[str]):
        self._lines = lines
        self._held: list[str] = []

    def peek_content(self) -> str | None:
        for line in self._lines:
            if line.strip():
                self._held.append(line)
                return line
        return None

    def __iter__(self):
        return self

    def __next__(self) -> str:
        if self._held:
            return self._held.pop()
        return next(self._lines)


# --- dates ------------------------------------------------------------------------------------

_SLASH = re.compile(
    r"^(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<year>\d{4}|\d{2})"
    r"(?:[ T,]+(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<second>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<ampm>[AaPp]\.?[Mm]\.?)?)?"
    r"(?:\s+(?P<abbrev>[A-Za-z]{1,5}))?"
    r"(?:\s*(?P<offset>[+-]\d{2}:?\d{2}|Z))?$"
)
_ISO_SLASH = re.compile(r"^\d{4}/\d{1,2}/\d{1,2}")
_EPOCH = re.compile(r"^\d{10}(?:\d{3})?(?:\.\d+)?$")
_WORDY = (  # month names, as some tools write them
    "%b %d, %Y %I:%M %p",
    "%b %d, %Y %H:%M",
    "%B %d, %Y %I:%M %p",
    "%B %d, %Y %H:%M",
    "%d %b %Y %H:%M",
    "%d %B %Y %H:%M",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
    "%d %B %Y",
)
_UTC_NAMES = {"utc", "gmt", "z"}


def zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"'{name}' is not a time zone") from None


def local(moment: datetime, timezone_name: str) -> datetime:
    """A naive local time in the named zone, as an aware time (the first of a repeated hour)."""
    return moment.replace(tzinfo=zone(timezone_name))


def day_at_noon(day: date, timezone_name: str) -> datetime:
    return datetime.combine(day, NOON, tzinfo=zone(timezone_name))


def _offset(text: str) -> fixed_zone:
    if text == "Z":
        return UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return fixed_zone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _from_slash(match: re.Match, value: str, timezone_name: str) -> datetime:
    month, day, year = int(match["a"]), int(match["b"]), int(match["year"])
    if year < 100:
        year += 2000
    if month > 12:
        raise ValueError(
            f"'{value}' is not a date: dates are read month/day/year, as the networks export "
            "them, and there is no month " + str(month) + "."
        )
    try:
        day_ = date(year, month, day)
    except ValueError:
        raise ValueError(f"'{value}' is not a date") from None
    if match["hour"] is None:
        return day_at_noon(day_, timezone_name)
    hour, minute = int(match["hour"]), int(match["minute"])
    second = int(match["second"] or 0)
    if match["ampm"]:
        # These exports write the twelve-hour clock from 00 to 11 ("00:19 PM" is 12:19) as well
        # as from 1 to 12 ("12:19 PM"); both are read.
        if hour > 12:
            raise ValueError(f"'{value}' is not a time: hour {hour} with AM/PM")
        hour = hour % 12 + (12 if match["ampm"][0] in "Pp" else 0)
    if hour > 23 or minute > 59 or second > 59:
        raise ValueError(f"'{value}' is not a time")
    moment = datetime.combine(day_, time(hour, minute, second))
    if match["offset"]:
        return moment.replace(tzinfo=_offset(match["offset"]))
    abbrev = match["abbrev"]
    if abbrev and abbrev.casefold() in _UTC_NAMES:
        return moment.replace(tzinfo=UTC)
    if abbrev:
        raise ValueError(
            f"'{value}' names its time zone only as '{abbrev}', which stands for different "
            "zones in different countries; the file must give the offset (like -0500)"
        )
    return local(moment, timezone_name)


def parse_datetime(value: str, *, timezone: str, date_format: str | None = None) -> datetime:
    """The moment a cell names, timezone-aware. `timezone` is the zone of times the cell gives
    without an offset. `date_format` (a `strftime` pattern such as "%d/%m/%Y %H:%M") reads a
    shape the usual ones do not, for instance day first. Raises ValueError with a sentence that
    quotes the value."""
    text = " ".join(str(value).split())
    if not text:
        raise ValueError("the cell is empty; every post needs its date")
    if date_format:
        try:
            moment = datetime.strptime(text, date_format)
        except ValueError:
            raise ValueError(f"'{text}' is not a date in the format {date_format}") from None
        if moment.tzinfo is not None:
            return moment
        has_time = any(code in date_format for code in ("%H", "%I", "%M", "%X", "%c"))
        if not has_time:
            return day_at_noon(moment.date(), timezone)
        return local(moment, timezone)
    match = _SLASH.match(text)
    if match:
        return _from_slash(match, text, timezone)
    if _EPOCH.match(text):
        seconds = float(text) / (1000 if len(text.split(".")[0]) == 13 else 1)
        return datetime.fromtimestamp(seconds, tz=UTC)
    iso = text.replace("/", "-", 2) if _ISO_SLASH.match(text) else text
    try:
        moment = datetime.fromisoformat(iso)
    except ValueError:
        moment = None
    if moment is not None:
        if moment.tzinfo is not None:
            return moment
        if len(iso) <= 10:  # a date alone
            return day_at_noon(moment.date(), timezone)
        return local(moment, timezone)
    for pattern in _WORDY:
        try:
            moment = datetime.strptime(text, pattern)
        except ValueError:
            continue
        if "%H" in pattern or "%I" in pattern:
            return local(moment, timezone)
        return day_at_noon(moment.date(), timezone)
    raise ValueError(f"'{text}' is not a date")


def cell_datetime(row: Row, column: str, *, timezone: str, date_format=None) -> datetime:
    """`parse_datetime` of a row's cell, refused with the row and column."""
    try:
        return parse_datetime(row.get(column), timezone=timezone, date_format=date_format)
    except ValueError as error:
        raise row.error(column, str(error)) from None


# --- links and addresses ----------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"'“”‘’]+", re.IGNORECASE)
_TRAILING = ".,;:!?…)]}»"
# The networks' own short links: the post has a link, but where it leads is not in the file.
NETWORK_SHORTENERS = frozenset({"t.co", "lnkd.in", "fb.me", "fb.watch", "instagr.am"})


def _unwrapped(url: str) -> str:
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break  # a balanced parenthesis belongs to the address (Wikipedia's, for one)
        url = url[:-1]
    return url


def host_of(url: str) -> str:
    try:
        return (urlsplit(url if "://" in url else "https://" + url).hostname or "").lower()
    except ValueError:
        return ""


def links_in(text: str, *, own: str = "") -> tuple[str, ...]:
    """The web addresses a post's text points to, in order, once each, without the post's own
    address `own`. The networks' short links are kept: the post has a link even where the
    file does not say where it leads (`NETWORK_SHORTENERS`)."""
    found = []
    own_key = own.rstrip("/").casefold()
    for match in _URL.finditer(text or ""):
        url = _unwrapped(match.group(0))
        if url.lower().startswith("www."):
            url = "https://" + url
        host = host_of(url).removeprefix("www.")
        if not host or "." not in host:
            continue
        if own_key and url.rstrip("/").casefold() == own_key:
            continue
        if url not in found:
            found.append(url)
    return tuple(found)


_X_STATUS = re.compile(
    r"^https?://(?:www\.|mobile\.)?(?:twitter|x)\.com/(?P<account>[A-Za-z0-9_]{1,15})"
    r"/status(?:es)?/(?P<id>\d+)",
    re.IGNORECASE,
)
_LINKEDIN_URN = re.compile(r"urn:li:(?:activity|share|ugcPost):\d+")
_MASTODON_STATUS = re.compile(r"^https?://(?P<host>[^/]+)/@(?P<user>[^/@]+)/\d+")
_BLUESKY_POST = re.compile(r"^https?://bsky\.app/profile/(?P<handle>[^/]+)/post/[a-z0-9]+")


def x_status(url: str) -> tuple[str, str] | None:
    """(account, tweet id) of an X/Twitter status address; None for any other address."""
    match = _X_STATUS.match(url.strip())
    return (match["account"], match["id"]) if match else None


def linkedin_urn(url: str) -> str | None:
    """The post's URN in a LinkedIn address ('urn:li:share:7148…'); None when it has none."""
    match = _LINKEDIN_URN.search(url)
    return match.group(0) if match else None


def post_id_from_url(url: str) -> str:
    """The network's own id where a post's address shows it (an X status id, a LinkedIn URN,
    as the networks' own exports give them), else the address itself."""
    url = url.strip()
    status = x_status(url)
    if status:
        return status[1]
    return linkedin_urn(url) or url


def account_from_url(url: str) -> str:
    """The account a post's own address names (X, Mastodon, Bluesky); '' when it names none
    (Facebook, Instagram and LinkedIn post addresses do not)."""
    url = url.strip()
    status = x_status(url)
    if status:
        return status[0]
    match = _MASTODON_STATUS.match(url)
    if match:
        return f"{match['user']}@{match['host']}"
    match = _BLUESKY_POST.match(url)
    return match["handle"] if match else ""


def content_id(published_at: datetime, text: str) -> str:
    """A stable id for a post whose file gives no id and no address: the same moment and text
    give the same id in every export, so overlapping files still de-duplicate."""
    moment = published_at.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    digest = hashlib.sha256(f"{moment}\n{' '.join(text.split())}".encode()).hexdigest()
    return f"sha256:{digest[:24]}"
