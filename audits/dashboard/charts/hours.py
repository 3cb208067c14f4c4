"""Hours bars: what is there against what is allowed or needed, per person or per channel."""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.safestring import SafeString

from ._svg import (
    BAD,
    GOOD,
    MUTED,
    TEXT,
    clean_id,
    fit,
    n,
    num,
    safe_url,
    svg,
    t,
    text_width,
    title_el,
)

WIDTH = 560
PAD = 10
ROW_H = 58
BAR_H = 16
TRACK = "#eef0f4"


@dataclass(frozen=True)
class HoursRow:
    """One bar: `have` hours against `need_or_limit`. With `over_is_bad` (a person's capacity)
    going beyond the limit is the problem; without it (a channel's needed hours) falling short
    is. `have_label` and `limit_label` name the two ("assigned", "capacity" / "needed")."""

    label: str
    have: float
    need_or_limit: float
    over_is_bad: bool = True
    have_label: str = ""
    limit_label: str = ""
    url: str = ""

    def __post_init__(self) -> None:
        # Figures often come as Decimal; the drawing works in floats.
        object.__setattr__(self, "have", float(self.have))
        object.__setattr__(self, "need_or_limit", float(self.need_or_limit))

    @property
    def is_bad(self) -> bool:
        if self.over_is_bad:
            return self.have > self.need_or_limit
        return self.have < self.need_or_limit

    @property
    def numbers(self) -> str:
        """E.g. "6 h assigned of 5 h capacity: 1 h over"."""
        have = f"{num(self.have)} h" + (f" {self.have_label}" if self.have_label else "")
        limit = f"{num(self.need_or_limit)} h" + (
            f" {self.limit_label}" if self.limit_label else ""
        )
        text = f"{have} of {limit}"
        if self.is_bad:
            gap = num(abs(self.have - self.need_or_limit))
            text += f": {gap} h {'over' if self.over_is_bad else 'short'}"
        return text


def hours_bars(
    rows: Sequence[HoursRow],
    *,
    id_prefix: str = "hours",
    title: str = "Hours against capacity",
) -> SafeString:
    """A horizontal bar per row showing `have`, a dark marker line at the limit, and the numbers
    in words above the bar ("6 h assigned of 5 h capacity: 1 h over"). A bar that crosses the
    limit in the bad direction is red, with the excess hatched (over) or the shortfall outlined
    dashed (short), and its numbers in bold red; the others are green."""
    prefix = clean_id(id_prefix, "hours")
    scale_max = max([max(r.have, r.need_or_limit, 0) for r in rows] + [0]) * 1.08 or 1.0
    span = WIDTH - 2 * PAD

    def x_of(hours: float) -> float:
        return PAD + span * max(hours, 0) / scale_max

    body = [
        f'<defs><pattern id="{prefix}-hatch" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="{BAD}"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="3"/></pattern></defs>'
    ]
    if not rows:
        body.append(f'<text x="{PAD}" y="30" fill="{MUTED}">Nothing to compare yet.</text>')
    for index, row in enumerate(rows):
        y = 8 + index * ROW_H
        bad = row.is_bad
        colour = BAD if bad else GOOD
        numbers = row.numbers
        numbers_w = text_width(numbers, 12.5, bold=bad)
        label = fit(row.label, 14, span - numbers_w - 14, bold=True)
        bar_y = y + 24
        limit_x = x_of(row.need_or_limit)
        have_x = x_of(row.have)
        label_text = (
            f'<text x="{PAD}" y="{y + 16}" font-size="14" font-weight="600">{t(label)}</text>'
        )
        url = safe_url(row.url)
        if url:
            label_text = f'<a href="{t(url)}" class="chart-link">{label_text}</a>'
        weight = ' font-weight="700"' if bad else ""
        parts = [
            f'<g class="chart-bar" data-bad="{int(bad)}">',
            title_el(f"{row.label}: {numbers}"),
            label_text,
            f'<text x="{WIDTH - PAD}" y="{y + 16}" text-anchor="end" font-size="12.5"{weight} '
            f'fill="{colour if bad else MUTED}">{t(numbers)}</text>',
            f'<rect x="{PAD}" y="{bar_y}" width="{span}" height="{BAR_H}" rx="3" fill="{TRACK}"/>',
        ]
        if bad and row.over_is_bad:
            parts.append(
                f'<rect x="{PAD}" y="{bar_y}" width="{n(limit_x - PAD)}" height="{BAR_H}" '
                f'fill="{colour}"/><rect class="chart-excess" x="{n(limit_x)}" y="{bar_y}" '
                f'width="{n(have_x - limit_x)}" height="{BAR_H}" fill="url(#{prefix}-hatch)"/>'
            )
        else:
            parts.append(
                f'<rect x="{PAD}" y="{bar_y}" width="{n(have_x - PAD)}" height="{BAR_H}" '
                f'fill="{colour}"/>'
            )
            if bad:
                parts.append(
                    f'<rect class="chart-shortfall" x="{n(have_x)}" y="{bar_y + 1}" '
                    f'width="{n(limit_x - have_x)}" height="{BAR_H - 2}" fill="none" '
                    f'stroke="{BAD}" stroke-width="1.5" stroke-dasharray="4 3"/>'
                )
        parts.append(
            f'<line class="chart-limit" x1="{n(limit_x)}" x2="{n(limit_x)}" y1="{bar_y - 5}" '
            f'y2="{bar_y + BAR_H + 5}" stroke="{TEXT}" stroke-width="2.5"/>'
        )
        parts.append("</g>")
        body.append("".join(parts))
    bad_count = sum(row.is_bad for row in rows)
    desc = (
        f"{len(rows)} bar{'s' if len(rows) != 1 else ''}, each the hours there against a limit "
        f"marked by a vertical line; {bad_count} cross{'es' if bad_count == 1 else ''} it."
    )
    height = 8 + max(len(rows), 1) * ROW_H
    return svg(prefix, WIDTH, height, title, desc, body, "chart--hours")
