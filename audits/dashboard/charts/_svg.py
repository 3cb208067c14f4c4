"""Shared pieces of the chart renderers: escaping, number formatting, text measuring, colours and
the accessible `<svg>` wrapper.

Pure Python apart from Django's escaping helpers; no ORM, no templates.
"""

import re
from urllib.parse import urlsplit

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from outreach.palette import COLOURS, TONES

from ...rubric.principles import CRITERION_LABELS as CRITERION_LABELS_OF_RUBRIC
from ...rubric.principles import FIX_OR_RETIRE, HEALTHY, NEEDS_WORK

# The app's palette (outreach/palette.py), by the names the charts use.
TEXT = COLOURS["text"]
MUTED = COLOURS["muted"]
LINE = COLOURS["line"]
BRAND = COLOURS["brand"]
GOOD, GOOD_BG = TONES["good"]
WARN, WARN_BG = TONES["warn"]
BAD, BAD_BG = TONES["bad"]
SURFACE = COLOURS["surface"]
BG = COLOURS["bg"]
WHITE = "#ffffff"

FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif'

# Each verdict's (and score band's) colours. Where the bands lie is the run's to say
# (`audits.rubric.verdicts.score_band` with the run's thresholds), never the charts'.
VERDICT_COLOURS = {HEALTHY: GOOD, NEEDS_WORK: WARN, FIX_OR_RETIRE: BAD}
VERDICT_BACKGROUNDS = {HEALTHY: GOOD_BG, NEEDS_WORK: WARN_BG, FIX_OR_RETIRE: BAD_BG}

CRITERION_LABELS = {**CRITERION_LABELS_OF_RUBRIC, "overall": "Overall"}

# XML 1.0 forbids most control characters, even escaped; user text loses them.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]")


def t(value: object) -> str:
    """`value` as escaped XML text (also safe inside a double-quoted attribute)."""
    return escape(_CONTROL.sub("", str(value)))


def n(x: float) -> str:
    """A coordinate with at most one decimal, without trailing zeros."""
    text = f"{x:.1f}"
    return text[:-2] if text.endswith(".0") else text


def num(x: float) -> str:
    """A quantity for people to read: 3, 2.5, 0.3."""
    if abs(x - round(x)) < 0.05:
        return str(round(x))
    return f"{x:.1f}"


def clean_id(prefix: str, default: str) -> str:
    """An id prefix that is a valid XML id and cannot break out of an attribute."""
    cleaned = _ID_UNSAFE.sub("-", prefix or "") or default
    return cleaned if cleaned[0].isalpha() else f"c-{cleaned}"


def safe_url(url: str | None) -> str:
    """`url` when it is relative or http(s), otherwise "" (no javascript: links)."""
    if not url:
        return ""
    try:
        scheme = urlsplit(str(url).strip()).scheme.lower()
    except ValueError:
        return ""
    return str(url).strip() if scheme in ("", "http", "https") else ""


def criterion_label(column: str) -> str:
    return CRITERION_LABELS.get(column, column.replace("_", " ").capitalize())


# --- text measuring --------------------------------------------------------------------------
_NARROW = set("iljtfrI.,:;'!|() ")
_WIDE = set("mwMW@%")
_SYMBOLS = set("<>=+~#&_")


def text_width(text: str, size: float, bold: bool = False) -> float:
    """An estimate, on the generous side, of how wide `text` renders in a sans-serif font (sized
    on DejaVu Sans, the widest of the usual fallbacks)."""
    width = 0.0
    for char in text:
        if char in _NARROW:
            width += 0.36
        elif char in _WIDE:
            width += 0.95
        elif char in _SYMBOLS:
            width += 0.85
        elif char.isupper() or char.isdigit():
            width += 0.7
        else:
            width += 0.62
    return width * size * (1.12 if bold else 1.0)


def fit(text: str, size: float, max_width: float, bold: bool = False) -> str:
    """`text` cut with an ellipsis so that it fits `max_width` (the full text goes in a title)."""
    text = str(text)
    if text_width(text, size, bold) <= max_width:
        return text
    while text and text_width(text + "…", size, bold) > max_width:
        text = text[:-1]
    return text.rstrip() + "…"


# --- colour contrast -------------------------------------------------------------------------
def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two #rrggbb colours."""
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill: str) -> str:
    """White or the dark text colour, whichever reads better on `fill`."""
    return WHITE if contrast(WHITE, fill) >= contrast(TEXT, fill) else TEXT


# --- the wrapper -----------------------------------------------------------------------------
# A chart scales down with its container, but never so far that its smallest text would be
# drawn below this size (on a phone the container scrolls sideways instead).
MIN_TEXT_PX = 10
DEFAULT_FONT_SIZE = 13
_FONT_SIZE = re.compile(r'font-size="([0-9.]+)"')


def smallest_font(body: list[str]) -> float:
    """The smallest font size the chart's pieces use (the chart's own default included)."""
    sizes = [float(size) for piece in body for size in _FONT_SIZE.findall(piece)]
    return min([DEFAULT_FONT_SIZE, *sizes])


def svg(
    prefix: str,
    width: float,
    height: float,
    title: str,
    desc: str,
    body: list[str],
    css_class: str,
    min_width: float = 0,
) -> SafeString:
    """An accessible inline SVG, labelled by its own <title> and <desc>, scaling to the width of
    its container but never above its natural size, nor below `min_width` or the width at which
    its smallest text would be smaller than MIN_TEXT_PX (such a chart belongs in a container
    that scrolls sideways).

    A chart without links is one image (role img). One with links is a group: an image's
    content is hidden from assistive technology, so links inside it could be reached with the
    Tab key but never named, nor found by a screen reader."""
    floor = max(min_width, width * MIN_TEXT_PX / smallest_font(body))
    floor_css = f"min-width:{n(min(floor, width))}px;"
    interactive = any("<a " in piece for piece in body)
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" id="{prefix}" class="chart {css_class}" '
        f'role="{"group" if interactive else "img"}" '
        f'aria-labelledby="{prefix}-title {prefix}-desc" '
        f'viewBox="0 0 {n(width)} {n(height)}" width="100%" '
        f'style="max-width:{n(width)}px;{floor_css}height:auto;display:block" '
        f'font-family="{t(FONT)}" font-size="{DEFAULT_FONT_SIZE}" fill="{TEXT}">'
        f'<title id="{prefix}-title">{t(title)}</title>'
        f'<desc id="{prefix}-desc">{t(desc)}</desc>'
    )
    return mark_safe(head + "".join(body) + "</svg>")  # noqa: S308 - every piece is escaped


def title_el(text: str) -> str:
    return f"<title>{t(text)}</title>"


def link_open(url: str, css_class: str) -> str:
    return f'<a href="{t(url)}" class="{css_class}">'
