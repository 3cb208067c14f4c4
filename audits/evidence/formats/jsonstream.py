"""Reading a big JSON export one item at a time, and naming the place of what is wrong in it.

The standard library's `json` reads a whole document at once; an account archive's
`outbox.json` or `tweets.js` can be hundreds of megabytes. `JsonStream` walks the document's
outer layers itself (the top-level array or object, the array under one key) and hands each
item to `json` on its own, so only one item is held at a time. Every error names its place: the
line and column for a syntax error (as `json` reports it, counted from the file's start), the
line where the item starts and the item's path ("orderedItems[3].object.published") for a
value that is there but wrong.
"""

import codecs
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any, BinaryIO, TextIO

from .base import EvidenceFileError

CHUNK = 256 * 1024
_WHITESPACE = " \t\n\r"
_DECODER = json.JSONDecoder()


def text_chunks(stream: BinaryIO | TextIO, name: str) -> Iterator[str]:
    """The stream's text, chunk by chunk: bytes are decoded as UTF-8 (a BOM is dropped)."""
    first = stream.read(CHUNK)
    if isinstance(first, str):
        chunk = first.removeprefix("\ufeff")
        while chunk:
            yield chunk
            chunk = stream.read(CHUNK)
        return
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    offset = 0
    chunk = first
    while True:
        try:
            text = decoder.decode(chunk, final=not chunk)
        except UnicodeDecodeError as error:
            raise EvidenceFileError(
                f"{name}: byte {offset + error.start + 1} is not UTF-8 text: the file is not "
                "an export as the network writes it, or it was saved in another encoding."
            ) from None
        if text:
            yield text
        if not chunk:
            return
        offset += len(chunk)
        chunk = stream.read(CHUNK)


def _truncated(error: json.JSONDecodeError, text: str) -> bool:
    """Whether a value failed because the text ends inside it."""
    if error.msg.startswith("Unterminated string"):
        return True
    return error.pos >= len(text.rstrip(_WHITESPACE))


class JsonStream:
    """A cursor over a JSON document read from a stream, that keeps only what it still needs."""

    def __init__(self, stream: BinaryIO | TextIO, name: str):
        self.name = name
        self._chunks = text_chunks(stream, name)
        self._buffer = ""
        self._pos = 0
        self._line = 1  # the line and column of the buffer's first character
        self._column = 1
        self._mark = (0, 1, 1)  # a place already counted: (position, line, column)
        self._eof = False

    # The buffer.

    def _more(self, at_least: int = CHUNK) -> bool:
        """Read at least `at_least` more characters (fewer at the end); False at the end."""
        if self._eof:
            return False
        self._drop_consumed()
        added = []
        wanted = at_least
        while wanted > 0:
            chunk = next(self._chunks, None)
            if chunk is None:
                self._eof = True
                break
            added.append(chunk)
            wanted -= len(chunk)
        self._buffer += "".join(added)
        return bool(added)

    def _drop_consumed(self) -> None:
        if self._pos == 0:
            return
        consumed = self._buffer[: self._pos]
        newlines = consumed.count("\n")
        if newlines:
            self._line += newlines
            self._column = len(consumed) - consumed.rfind("\n")
        else:
            self._column += len(consumed)
        self._buffer = self._buffer[self._pos :]
        self._pos = 0
        self._mark = (0, self._line, self._column)

    def place(self, pos: int | None = None) -> tuple[int, int]:
        """The (line, column) of a position in the buffer (the cursor by default)."""
        pos = self._pos if pos is None else pos
        start, line, column = self._mark if self._mark[0] <= pos else (0, self._line, self._column)
        between = self._buffer[start:pos]
        newlines = between.count("\n")
        if newlines:
            line, column = line + newlines, pos - (start + between.rfind("\n"))
        else:
            column += pos - start
        self._mark = (pos, line, column)  # items are asked for in order: count on from here
        return line, column

    def error(self, message: str, pos: int | None = None) -> EvidenceFileError:
        line, column = self.place(pos)
        return EvidenceFileError(f"{self.name}: line {line}, column {column}: {message}")

    def _cut_off(self, message: str, pos: int | None = None) -> EvidenceFileError:
        return self.error(
            f"{message}; the file ends there: is it cut off (an unfinished download)?", pos
        )

    # Reading.

    def peek(self) -> str:
        """The next character that is not white space ('' at the end of the file)."""
        while True:
            buffer, pos = self._buffer, self._pos
            while pos < len(buffer) and buffer[pos] in _WHITESPACE:
                pos += 1
            self._pos = pos
            if pos < len(buffer):
                return buffer[pos]
            if not self._more():
                return ""

    def at_end(self) -> bool:
        return self.peek() == ""

    def expect(self, char: str, what: str) -> None:
        found = self.peek()
        if found != char:
            if not found:
                raise self._cut_off(f"expected {what}")
            raise self.error(f"expected {what}, found {found!r}")
        self._pos += 1

    def skip_prefix(self, pattern: re.Pattern) -> re.Match | None:
        """Consume the text that `pattern` matches at the cursor (a JavaScript assignment
        before the JSON, as in an X archive's `window.YTD.tweets.part0 = `)."""
        self.peek()
        while len(self._buffer) - self._pos < 4096 and self._more():
            pass
        match = pattern.match(self._buffer, self._pos)
        if match:
            self._pos = match.end()
        return match

    def line(self) -> int:
        self.peek()
        return self.place()[0]

    def value(self) -> Any:
        """The next JSON value, decoded whole."""
        if not self.peek():
            raise self._cut_off("expected a value")
        while True:
            try:
                value, end = _DECODER.raw_decode(self._buffer, self._pos)
            except json.JSONDecodeError as error:
                # The value may go on in the part of the file not read yet: read as much again
                # as is held (so a long value is decoded a few times, not once per chunk).
                if self._more(max(CHUNK, len(self._buffer) - self._pos)):
                    continue
                if _truncated(error, self._buffer):
                    raise self._cut_off(error.msg, error.pos) from None
                raise self.error(error.msg, error.pos) from None
            if end == len(self._buffer) and self._more():
                continue  # a number or literal cut by the chunk's end: decode it again
            self._pos = end
            return value

    def items(self) -> Iterator[tuple[int, int]]:
        """Walk an array at the cursor: yields (index, line) before each item, which the caller
        then consumes (with `value()` or by walking into it)."""
        self.expect("[", "'[' (a list)")
        if self.peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            yield index, self.line()
            index += 1
            found = self.peek()
            if found == ",":
                self._pos += 1
                continue
            if found == "]":
                self._pos += 1
                return
            if not found:
                raise self._cut_off("expected ',' or ']' after an item of the list")
            raise self.error(f"expected ',' or ']' after an item of the list, found {found!r}")

    def members(self) -> Iterator[str]:
        """Walk an object at the cursor: yields each key; the caller then consumes its value."""
        self.expect("{", "'{' (an object)")
        if self.peek() == "}":
            self._pos += 1
            return
        while True:
            if self.peek() != '"':
                raise self.error("expected a quoted key")
            key = self.value()
            self.expect(":", "':' after a key")
            yield key
            found = self.peek()
            if found == ",":
                self._pos += 1
                continue
            if found == "}":
                self._pos += 1
                return
            if not found:
                raise self._cut_off("expected ',' or '}' after a value")
            raise self.error(f"expected ',' or '}}' after a value, found {found!r}")

    def finish(self, allowed: str = "") -> None:
        """Only white space (and the `allowed` characters, e.g. a JavaScript ';') may follow."""
        while (found := self.peek()) and found in allowed:
            self._pos += 1
        if found:
            raise self.error(f"unexpected {found!r} after the end of the data")


class Node:
    """A decoded JSON value with its path in the file, so that a wrong value names its place."""

    __slots__ = ("_name", "_line", "path", "value")

    def __init__(self, value: Any, path: str, *, name: str, line: int | None = None):
        self.value = value
        self.path = path
        self._name = name
        self._line = line

    def __getitem__(self, key: str | int) -> "Node":
        step = f"[{key}]" if isinstance(key, int) else (f".{key}" if self.path else key)
        if isinstance(key, int):
            found = self.value[key] if isinstance(self.value, list) else None
        else:
            found = self.value.get(key) if isinstance(self.value, dict) else None
        return Node(found, self.path + step, name=self._name, line=self._line)

    def __bool__(self) -> bool:
        return bool(self.value)

    def fail(self, message: str) -> EvidenceFileError:
        where = f"line {self._line}: " if self._line else ""
        return EvidenceFileError(f"{self._name}: {where}{self.path or 'the data'}: {message}")

    def children(self) -> list["Node"]:
        if self.value is None:
            return []
        if not isinstance(self.value, list):
            raise self.fail("not a list")
        return [self[i] for i in range(len(self.value))]

    def text(self, *, required: bool = False) -> str:
        if self.value is None or self.value == "":
            if required:
                raise self.fail("missing")
            return ""
        if isinstance(self.value, bool) or not isinstance(self.value, str | int):
            raise self.fail("not a text")
        return str(self.value)

    def obj(self, *, required: bool = False) -> "Node":
        if self.value is None and not required:
            return self
        if not isinstance(self.value, dict):
            raise self.fail("missing" if self.value is None else "not an object")
        return self

    def iso_time(self) -> datetime:
        """An ISO 8601 moment ("2023-08-08T13:15:33Z"), as timezone-aware UTC; a time without
        its zone is taken as UTC (the networks write UTC)."""
        text = self.text(required=True)
        try:
            moment = datetime.fromisoformat(text.replace("z", "Z"))
        except ValueError:
            raise self.fail(f"not a date ({text[:40]!r})") from None
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.astimezone(UTC)
