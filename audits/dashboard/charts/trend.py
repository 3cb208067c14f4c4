"""The trend chart: the organization's score and each criterion over its last audits."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from ...rubric.verdicts import VERDICT_LABELS, band_ranges, bands_in_words, score_band
from ._svg import (
    LINE,
    MUTED,
    SURFACE,
    TEXT,
    VERDICT_BACKGROUNDS,
    VERDICT_COLOURS,
    WARN,
    clean_id,
    criterion_label,
    fit,
    n,
    safe_url,
    svg,
    t,
    text_width,
    title_el,
)

SERIES = ("overall", "value", "interactivity", "integration", "resourcing")

# name -> (colour, dash pattern, line width, marker radius, hollow marker). Okabe-Ito colours,
# each also with its own dash pattern and marker, so colour is never the only difference.
STYLES = {
    "overall": (TEXT, "", 3.0, 5.0, False),
    "value": ("#0072b2", "9 4", 2.0, 4.5, True),
    "interactivity": ("#c85200", "2 3", 2.2, 4.0, False),
    "integration": ("#00805c", "12 3 3 3", 2.0, 4.5, True),
    "resourcing": ("#7b3fa0", "5 5", 2.0, 3.5, False),
}
SPARE = (("#444444", "1 4", 2.0, 4.0, True), (WARN, "6 2 1 2", 2.0, 4.0, False))

WIDTH = 660
LEFT = 40
RIGHT = 92  # room for the band names
PLOT_H = 220
INNER = 26  # first and last point stand off the plot's edges


@dataclass(frozen=True)
class TrendPoint:
    """One audit: its label on the x axis (e.g. "3 Nov"), its score per series (0-100, None when
    missing: the line breaks there), the URL of its report and the thresholds the run used (its
    points are banded by them; None: the defaults)."""

    label: str
    values: Mapping[str, int | None] = field(default_factory=dict)
    run_url: str = ""
    thresholds: Mapping | None = None


def _style(name: str, index: int) -> tuple[str, str, float, float, bool]:
    return STYLES.get(name) or SPARE[index % len(SPARE)]


def _legend(series: Sequence[str]) -> tuple[list[str], float]:
    out, x, y = [], LEFT, 18
    for index, name in enumerate(series):
        colour, dash, width, radius, hollow = _style(name, index)
        label = criterion_label(name)
        item_w = 44 + text_width(label, 12.5) + 18
        if x + item_w > WIDTH - 8 and x > LEFT:
            x, y = LEFT, y + 22
        fill = SURFACE if hollow else colour
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        out.append(
            f'<g class="chart-legend-item" data-series="{t(name)}">'
            f'<path d="M{n(x)},{y - 4} H{n(x + 36)}" stroke="{colour}" stroke-width="{width}"'
            f'{dash_attr}/><circle cx="{n(x + 18)}" cy="{y - 4}" r="{radius}" fill="{fill}" '
            f'stroke="{colour}" stroke-width="2"/>'
            f'<text x="{n(x + 44)}" y="{y}" font-size="12.5">{t(label)}</text></g>'
        )
        x += item_w
    return out, y + 14


def trend_chart(
    points: Sequence[TrendPoint],
    *,
    series: Sequence[str] = SERIES,
    id_prefix: str = "trend",
    title: str = "Scores over the last audits",
) -> SafeString:
    """Lines per series over the audits, oldest left (pass up to twelve, in order). Each series
    has its colour, dash pattern and marker; each point is a <circle> with a <title> such as
    "3 Nov: interactivity 62 (needs work)", banded by its own run's thresholds. The y axis runs
    0-100 with gridlines at 0, 100 and where the latest run's bands start, the bands named on
    the right; each audit's column (and its x label) links to `run_url`.
    No points: an SVG saying there are no audits yet."""
    prefix = clean_id(id_prefix, "trend")
    if not points:
        return svg(
            prefix,
            WIDTH,
            80,
            title,
            "No audits yet.",
            [
                f'<text x="{WIDTH / 2}" y="46" text-anchor="middle" font-size="15" '
                f'fill="{MUTED}">No audits yet: the trend starts with the first audit.</text>'
            ],
            "chart--trend chart--empty",
        )
    series = tuple(series)
    legend, top = _legend(series)
    top += 12
    right = WIDTH - RIGHT
    count = len(points)
    step = (right - LEFT - 2 * INNER) / (count - 1) if count > 1 else 0

    def x_of(i: int) -> float:
        return (LEFT + right) / 2 if count == 1 else LEFT + INNER + i * step

    def y_of(score: float) -> float:
        return top + PLOT_H * (1 - score / 100)

    rotate = count > 6
    bottom = top + PLOT_H
    height = bottom + (58 if rotate else 30)
    body = legend[:]
    # The background bands are the latest run's: the thresholds the organization holds now.
    latest_thresholds = points[-1].thresholds
    ranges = band_ranges(latest_thresholds)
    body.append('<g class="chart-bands">')
    for index, r in enumerate(ranges):
        low, high = r.low, ranges[index + 1].low if index + 1 < len(ranges) else 100
        colour, background = VERDICT_COLOURS[r.band], VERDICT_BACKGROUNDS[r.band]
        body.append(
            f'<rect x="{LEFT}" y="{n(y_of(high))}" width="{n(right - LEFT)}" '
            f'height="{n(y_of(low) - y_of(high))}" fill="{background}" opacity="0.6"/>'
            f'<text x="{n(right + 8)}" y="{n((y_of(low) + y_of(high)) / 2 + 4)}" font-size="11.5" '
            f'font-weight="700" fill="{colour}">{t(r.label)}</text>'
        )
    for score in sorted({0, 100, *(r.low for r in ranges)}):
        body.append(
            f'<line x1="{LEFT}" x2="{n(right)}" y1="{n(y_of(score))}" y2="{n(y_of(score))}" '
            f'stroke="{LINE if score not in (0, 100) else MUTED}" stroke-width="1"/>'
            f'<text x="{LEFT - 6}" y="{n(y_of(score) + 4)}" text-anchor="end" font-size="11.5" '
            f'fill="{MUTED}">{score}</text>'
        )
    body.append("</g>")
    # The audit's columns, beneath the lines: hover for every number, click for the report.
    half = (step or (right - LEFT)) / 2
    for i, point in enumerate(points):
        summary = ", ".join(
            f"{criterion_label(name).lower()} {point.values.get(name)}"
            for name in series
            if point.values.get(name) is not None
        )
        tip = f"Audit of {point.label}: {summary or 'no scores'}"
        area = (
            f'<rect x="{n(max(x_of(i) - half, LEFT))}" y="{top}" '
            f'width="{n(min(x_of(i) + half, right) - max(x_of(i) - half, LEFT))}" '
            f'height="{PLOT_H}" fill="transparent"/>'
        )
        label = t(fit(point.label, 11.5, 86 if rotate else max(step - 4, 60)))
        if rotate:
            text = (
                f'<text x="{n(x_of(i))}" y="{bottom + 14}" text-anchor="end" font-size="11.5" '
                f'transform="rotate(-35 {n(x_of(i))} {bottom + 14})">{label}</text>'
            )
        else:
            text = (
                f'<text x="{n(x_of(i))}" y="{bottom + 18}" text-anchor="middle" '
                f'font-size="11.5">{label}</text>'
            )
        url = safe_url(point.run_url)
        if url:
            body.append(
                f'<a href="{t(url)}" class="chart-link chart-run">{title_el(tip)}{area}{text}</a>'
            )
        else:
            body.append(f'<g class="chart-run">{title_el(tip)}{area}{text}</g>')
    for index, name in enumerate(series):
        colour, dash, width, radius, hollow = _style(name, index)
        dash_attr = f' stroke-dasharray="{dash}"' if dash else ""
        body.append(f'<g class="chart-series" data-series="{t(name)}">')
        segment: list[str] = []
        segments = []
        for i, point in enumerate(points):
            score = point.values.get(name)
            if score is None:
                segments.append(segment)
                segment = []
                continue
            segment.append(f"{n(x_of(i))},{n(y_of(score))}")
        segments.append(segment)
        for segment in segments:
            if len(segment) > 1:
                body.append(
                    f'<polyline points="{" ".join(segment)}" fill="none" stroke="{colour}" '
                    f'stroke-width="{width}"{dash_attr} stroke-linejoin="round"/>'
                )
        fill = SURFACE if hollow else colour
        label = criterion_label(name).lower()
        for i, point in enumerate(points):
            score = point.values.get(name)
            if score is None:
                continue
            band = score_band(score, point.thresholds)
            body.append(
                f'<circle class="chart-point" cx="{n(x_of(i))}" cy="{n(y_of(score))}" '
                f'r="{radius}" fill="{fill}" stroke="{colour}" stroke-width="2" '
                f'data-band="{band}">'
                f"{title_el(f'{point.label}: {label} {score} ({VERDICT_LABELS[band]})')}</circle>"
            )
        body.append("</g>")
    latest = points[-1]
    latest_text = ", ".join(
        f"{criterion_label(name).lower()} {latest.values.get(name)}"
        for name in series
        if latest.values.get(name) is not None
    )
    desc = (
        f"{count} audit{'s' if count != 1 else ''}"
        + (f", from {points[0].label} to {latest.label}" if count > 1 else f", {latest.label}")
        + f". Latest: {latest_text or 'no scores'}. "
        + f"Bands: {bands_in_words(latest_thresholds)}."
    )
    return svg(prefix, WIDTH, height, title, desc, body, "chart--trend")
