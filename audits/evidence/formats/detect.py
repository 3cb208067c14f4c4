"""Which export a file is, told from its first bytes (never from its name).

Every reader module exposes the same three things:
- `FORMATS`: the `FormatInfo`s it reads (X has three: archive, two analytics CSVs);
- `looks_like(head: bytes) -> FormatInfo | None`: which of them a file starting with these
  bytes is, if any (a plain True stands for the module's only format);
- `read(stream, *, info, name, timezone, mapping) -> Iterator[ParsedPost]`.

`READERS` lists the modules in the order they are asked: the networks' own formats first, the
generic CSV (which takes any CSV) last. A file nobody claims (empty, HTML, not UTF-8 text nor a
spreadsheet) is None: not an export the planner reads.
"""

import importlib
from types import ModuleType

from .base import FormatInfo

HEAD_BYTES = 64 * 1024  # what detection looks at
READER_NAMES = ("x", "mastodon", "bluesky", "meta", "linkedin", "generic_csv")

# Binary spreadsheets (xlsx is a zip, xls an OLE2 compound file): only their readers know them.
_SPREADSHEET_MAGIC = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def _load(names: tuple[str, ...]) -> tuple[ModuleType, ...]:
    modules = []
    for name in names:
        qualified = f"{__package__}.{name}"
        try:
            modules.append(importlib.import_module(qualified))
        except ModuleNotFoundError as error:
            if error.name != qualified:
                raise  # a module that is there but cannot import what it needs: a real error
    return tuple(modules)


READERS: tuple[ModuleType, ...] = _load(READER_NAMES)


def _is_text(head: bytes) -> bool:
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A character cut by the end of the head is still text.
        return error.start >= len(head) - 3 and error.reason == "unexpected end of data"
    return True


def _plausible(head: bytes) -> bool:
    if head.startswith(_SPREADSHEET_MAGIC):
        return True
    if not _is_text(head):
        return False
    text = head[:1024].decode("utf-8", errors="ignore").lstrip("\ufeff \t\r\n")
    if not text:
        return False
    return not text.startswith("<")  # HTML or XML: a web page saved, not an export


def detect_format(head: bytes) -> FormatInfo | None:
    """The format of a file that starts with `head` (its first few kilobytes), or None."""
    head = head[:HEAD_BYTES]
    if not _plausible(head):
        return None
    for module in READERS:
        found = module.looks_like(head)
        if isinstance(found, FormatInfo):
            return found
        if found:
            return module.FORMATS[0]
    return None


def reader_for(info: FormatInfo) -> ModuleType:
    """The module that reads a format."""
    for module in READERS:
        if info in module.FORMATS:
            return module
    raise LookupError(f"no reader for the format {info.code!r}")
