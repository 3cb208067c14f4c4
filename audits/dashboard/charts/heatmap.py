"""The score heatmap: channels down, criteria across, each cell its score on a red-amber-green
fill, its number printed in it and a link to the numbers behind it."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from django.utils.safestring import SafeString

from ...rubric.principles import FIX_OR_RETIRE, HEALTHY, NEEDS_WORK
from ...rubric.verdicts import VERDICT_LABELS, band_ranges, score_band
from ._svg import (
    BAD,
    BG,
    GOOD,
    LINE,
    MUTED,
    TEXT,
    VERDICT_BACKGROUNDS,
    VERDICT_COLOURS,
    clean_id,
    criterion_label,
    fit,
    link_open,
    n,
    safe_url,
    svg,
    t,
    text_on,
    text_width,
    title_el,
)

COLUMNS = ("value", "interactivity", "integration", "resourcing", "overall")

# Each band's fills, for the lower and the upper half of its scores: dark red and red, amber and
# light amber, light green and green. Where the bands lie comes from the run's thresholds.
FILLS = {
    FIX_OR_RETIRE: ("#7f1d1d", BAD),
    NEEDS_WORK: ("#d98a0b", "#f0c75e"),
    HEALTHY: ("#7cc49a", GOOD),
}
COLOUR_NAMES = {FIX_OR_RETIRE: "red", NEEDS_WORK: "amber", HEALTHY: "green"}
EMPTY_FILL = BG

LABEL_W = 280
CELL_W = 80
CELL_H = 44
GAP = 4
OVERALL_GAP = 10  # extra space that sets the overall column apart
HEAD_H = 30
PAD = 8


@dataclass(frozen=True)
class HeatmapRow:
    """One channel's row: its scores per column (0-100, None when not scored), the channel's
    verdict code ("healthy", "needs_work", "fix_or_retire" or "" when none), and the URL each cell
    opens (columns without a link are drawn without one). `url` links the row's label;
    `note` is a small text after the verdict (e.g. the platform)."""

    key: str
    label: str
    verdict: str
    scores: Mapping[str, int | None]
    links: Mapping[str, str] = field(default_factory=dict)
    url: str = ""
    note: str = ""


@dataclass(frozen=True)
class _Step:
    lowest: int  # the lowest score with this fill
    fill: str
    band: str


def _steps(thresholds: Mapping | None) -> list[_Step]:
    """The scale, lowest scores first: each band of the run's thresholds split in two halves."""
    steps = []
    for r in band_ranges(thresholds):
        lower, upper = FILLS[r.band]
        steps.append(_Step(r.low, lower, r.band))
        if r.high > r.low:
            steps.append(_Step(r.low + (r.high - r.low + 1) // 2, upper, r.band))
    return steps


def _fill(score: int | None, steps: Sequence[_Step]) -> str:
    if score is None:
        return EMPTY_FILL
    return next((s.fill for s in reversed(steps) if score >= s.lowest), steps[0].fill)


def fill_for(score: int | None, thresholds: Mapping | None = None) -> str:
    """The cell's fill for a score under a run's thresholds: a stepped scale from dark red
    through amber to green, each band in two steps."""
    return _fill(score, _steps(thresholds))


def _cell(
    row: HeatmapRow,
    column: str,
    x: float,
    y: float,
    bold: bool,
    thresholds: Mapping | None,
    steps: Sequence[_Step],
) -> str:
    score = row.scores.get(column)
    name = criterion_label(column).lower()
    if score is None:
        tip = f"{row.label} — {name}: not scored"
        shown = "–"
    else:
        # The overall cell names the channel's own verdict, which is more than its score's band.
        if column == "overall":
            words = VERDICT_LABELS.get(row.verdict, "")
        else:
            words = VERDICT_LABELS[score_band(score, thresholds)]
        tip = f"{row.label} — {name} {score}/100" + (f" ({words})" if words else "")
        shown = str(score)
    fill = _fill(score, steps)
    url = safe_url(row.links.get(column))
    parts = [
        f'<rect x="{n(x)}" y="{n(y)}" width="{CELL_W}" height="{CELL_H}" rx="4" fill="{fill}"'
        + (f' stroke="{LINE}"' if score is None else "")
        + "/>",
        f'<text x="{n(x + CELL_W / 2)}" y="{n(y + CELL_H / 2 + 6)}" text-anchor="middle" '
        f'font-size="17" font-weight="{700 if bold else 600}" fill="{text_on(fill)}">'
        f"{t(shown)}</text>",
    ]
    attrs = f'data-column="{t(column)}" data-key="{t(row.key)}"'
    if url:
        return (
            f'<a href="{t(url)}" class="chart-link chart-cell" {attrs}>'
            + title_el(tip)
            + "".join(parts)
            + "</a>"
        )
    return f'<g class="chart-cell" {attrs}>' + title_el(tip) + "".join(parts) + "</g>"


def _row_label(row: HeatmapRow, y: float) -> str:
    label = fit(row.label, 14, LABEL_W - 12, bold=True)
    verdict = VERDICT_LABELS.get(row.verdict, "")
    out = [f'<g class="chart-row-label">{title_el(_row_summary(row))}']
    text = (
        f'<text x="{PAD}" y="{n(y + 18)}" font-size="14" font-weight="600" fill="{TEXT}">'
        f"{t(label)}</text>"
    )
    url = safe_url(row.url)
    out.append(link_open(url, "chart-link") + text + "</a>" if url else text)
    x = PAD
    if verdict:
        colour = VERDICT_COLOURS[row.verdict]
        width = text_width(verdict, 11, bold=True) + 10
        out.append(
            f'<g class="chart-verdict" data-verdict="{t(row.verdict)}">'
            f'<rect x="{x}" y="{n(y + 25)}" width="{n(width)}" height="16" rx="8" '
            f'fill="{VERDICT_BACKGROUNDS[row.verdict]}" stroke="{colour}"/>'
            f'<text x="{n(x + width / 2)}" y="{n(y + 37)}" text-anchor="middle" font-size="11" '
            f'font-weight="700" fill="{colour}">{t(verdict)}</text></g>'
        )
        x += width + 6
    if row.note:
        note = fit(row.note, 11, LABEL_W - 4 - x)
        out.append(
            f'<text x="{n(x)}" y="{n(y + 37)}" font-size="11" fill="{MUTED}">{t(note)}</text>'
        )
    out.append("</g>")
    return "".join(out)


def _row_summary(row: HeatmapRow) -> str:
    verdict = VERDICT_LABELS.get(row.verdict, "not scored")
    return f"{row.label}: {verdict}"


def _key(y: float, grid_w: float, steps: Sequence[_Step]) -> tuple[str, float]:
    """The colour key: the score range of each fill, grouped under the verdict band's name."""
    out = ['<g class="chart-key" aria-hidden="true">']
    x = LABEL_W
    width = max(grid_w, 6 * 60) / len(steps)
    centres: dict[str, list[float]] = {}
    for index, step in enumerate(steps):
        highest = steps[index + 1].lowest - 1 if index + 1 < len(steps) else 100
        shown = f"{step.lowest}–{highest}" if highest > step.lowest else str(step.lowest)
        out.append(
            f'<rect x="{n(x)}" y="{n(y)}" width="{n(width - 2)}" height="18" fill="{step.fill}"/>'
            f'<text x="{n(x + width / 2 - 1)}" y="{n(y + 13)}" text-anchor="middle" '
            f'font-size="11" fill="{text_on(step.fill)}">{shown}</text>'
        )
        centres.setdefault(step.band, []).append(x + width / 2)
        x += width
    for code, xs in centres.items():
        out.append(
            f'<text x="{n(sum(xs) / len(xs))}" y="{n(y + 32)}" text-anchor="middle" '
            f'font-size="11" font-weight="700" fill="{VERDICT_COLOURS[code]}">'
            f"{t(VERDICT_LABELS[code])}</text>"
        )
    out.append(
        f'<text x="{PAD}" y="{n(y + 13)}" font-size="11" fill="{MUTED}">Score (0–100)</text>'
    )
    out.append("</g>")
    return "".join(out), 40


def score_heatmap(
    rows: Sequence[HeatmapRow],
    *,
    thresholds: Mapping | None = None,
    columns: Sequence[str] = COLUMNS,
    id_prefix: str = "heatmap",
    title: str = "Scores per channel",
) -> SafeString:
    """A grid of channels × columns. Each cell is a rect filled by the score's band under
    `thresholds` (the audit run's own; the defaults when None) with the score printed in it
    (white or dark text, whichever contrasts more), a <title> such as
    "@acme — interactivity 45/100 (needs work)" (in the overall column, the channel's verdict)
    and, where `row.links[column]` is given, an SVG link around it. Each row label carries the
    verdict as a text badge. The "overall" column is set apart and bold."""
    steps = _steps(thresholds)
    prefix = clean_id(id_prefix, "heatmap")
    columns = tuple(columns)
    xs = []
    x = LABEL_W
    for column in columns:
        if column == "overall" and xs:
            x += OVERALL_GAP
        xs.append(x)
        x += CELL_W + GAP
    width = max(x - GAP, LABEL_W + 6 * 60) + PAD
    height = HEAD_H + max(len(rows), 1) * (CELL_H + GAP) + PAD
    body = ['<g class="chart-head">']
    for column, cx in zip(columns, xs, strict=True):
        label = fit(criterion_label(column), 12, CELL_W + GAP + 6, bold=True)
        body.append(
            f'<text x="{n(cx + CELL_W / 2)}" y="{HEAD_H - 10}" text-anchor="middle" '
            f'font-size="12" font-weight="700" fill="{MUTED}">{t(label)}</text>'
        )
    body.append("</g>")
    if not rows:
        body.append(
            f'<text x="{PAD}" y="{HEAD_H + 28}" fill="{MUTED}">No channels scored yet.</text>'
        )
    for index, row in enumerate(rows):
        y = HEAD_H + index * (CELL_H + GAP)
        body.append(f'<g class="chart-row" data-key="{t(row.key)}">')
        body.append(_row_label(row, y))
        for column, cx in zip(columns, xs, strict=True):
            body.append(_cell(row, column, cx, y, column == "overall", thresholds, steps))
        body.append("</g>")
    key, key_h = _key(HEAD_H + max(len(rows), 1) * (CELL_H + GAP) + 6, x - GAP - LABEL_W, steps)
    body.append(key)
    height += key_h
    counts = {}
    for row in rows:
        label = VERDICT_LABELS.get(row.verdict)
        if label:
            counts[label] = counts.get(label, 0) + 1
    summary = ", ".join(f"{count} {label}" for label, count in counts.items())
    desc = (
        f"{len(rows)} channel{'s' if len(rows) != 1 else ''} scored 0 to 100 on "
        f"{', '.join(criterion_label(c).lower() for c in columns)}"
        + (f"; verdicts: {summary}" if summary else "")
        + ". Cells: "
        + ", ".join(
            f"{COLOUR_NAMES[r.band]} {r.words} ({r.label})"
            for r in reversed(band_ranges(thresholds))
        )
        + "."
    )
    return svg(prefix, width, height, title, desc, body, "chart--heatmap")
