"""The verdict rule and the verdict bands: the one place that knows them.

Everything that names a verdict or colours a score (the run page, the dashboard and its charts,
the CSV, the weekly email) reads the verdict stored with each channel's score and colours bare
scores with `score_band`, given the thresholds *the run itself used* (`AuditRun.thresholds`),
so an organization that moves `healthy_from` to 80 sees "needs work" for 75 everywhere.
Plain Python (no Django).
"""

from collections.abc import Mapping
from dataclasses import dataclass

from outreach.thresholds import DEFAULT_THRESHOLDS

from .principles import CRITERIA, FIX_OR_RETIRE, HEALTHY, NEEDS_WORK

VERDICT_LABELS = {
    HEALTHY: "healthy",
    NEEDS_WORK: "needs work",
    FIX_OR_RETIRE: "fix or retire",
}


def _threshold(thresholds: Mapping | None, name: str) -> float:
    value = (thresholds or {}).get(name)
    return DEFAULT_THRESHOLDS[name] if value is None else value


def score_band(score: float, thresholds: Mapping | None = None) -> str:
    """The band a score falls into by the run's `healthy_from` and `fix_or_retire_below`.

    For colouring a number shown on its own (a criterion cell, the organization's score, a
    trend point). A channel's verdict is more than its band: read the stored verdict for that.
    """
    if score >= _threshold(thresholds, "healthy_from"):
        return HEALTHY
    if score >= _threshold(thresholds, "fix_or_retire_below"):
        return NEEDS_WORK
    return FIX_OR_RETIRE


def channel_verdict(
    scores: Mapping[str, int], thresholds: Mapping, *, high_finding_standing: bool
) -> str:
    """The verdict on one channel: do it right, or not at all.

    Fix or retire below `fix_or_retire_below` overall, or with any criterion below
    `criterion_floor` (a failed core principle puts its criterion there). Healthy from
    `healthy_from`, but never while a high-severity finding on the channel stands. Needs work
    otherwise.
    """
    if scores["overall"] < _threshold(thresholds, "fix_or_retire_below") or any(
        scores[c] < _threshold(thresholds, "criterion_floor") for c in CRITERIA
    ):
        return FIX_OR_RETIRE
    if scores["overall"] >= _threshold(thresholds, "healthy_from") and not high_finding_standing:
        return HEALTHY
    return NEEDS_WORK


# The bands as people read them, derived from `score_band` itself rather than from the threshold
# numbers, so what a chart's key or an email's legend says never drifts from the colouring.
LOW_TO_HIGH = (FIX_OR_RETIRE, NEEDS_WORK, HEALTHY)


@dataclass(frozen=True)
class BandRange:
    """A band and the whole scores (0-100) it holds, `low` to `high` inclusive."""

    band: str
    low: int
    high: int

    @property
    def label(self) -> str:
        return VERDICT_LABELS[self.band]

    @property
    def words(self) -> str:
        """The range for people: "80 and above", "40 to 79", "below 40"."""
        if self.high == 100 and self.low > 0:
            return f"{self.low} and above"
        if self.low == 0 and self.high < 100:
            return f"below {self.high + 1}"
        return f"{self.low} to {self.high}"


def band_ranges(thresholds: Mapping | None) -> list[BandRange]:
    """Each band's range of scores, lowest band first; a band no score falls into is left out."""
    found: dict[str, tuple[int, int]] = {}
    for score in range(101):
        band = score_band(score, thresholds)
        found[band] = (found.get(band, (score, score))[0], score)
    return [BandRange(band, *found[band]) for band in LOW_TO_HIGH if band in found]


def bands_in_words(thresholds: Mapping | None) -> str:
    """The bands in words, best first: "80 and above healthy, 40 to 79 needs work, below 40 fix
    or retire"."""
    return ", ".join(f"{r.words} {r.label}" for r in reversed(band_ranges(thresholds)))


def verdict_rule_in_words(thresholds: Mapping | None) -> str:
    """How a channel's verdict follows from its scores and findings, in the run's own numbers:
    "Healthy from 80 overall with no high-severity finding; fix or retire below 40, or with any
    score below 20"."""
    ranges = {r.band: r for r in band_ranges(thresholds)}
    floor = _threshold(thresholds, "criterion_floor")
    floor = int(floor) if floor == int(floor) else floor
    parts = []
    if HEALTHY in ranges:
        parts.append(
            f"{VERDICT_LABELS[HEALTHY]} from {ranges[HEALTHY].low} overall with no "
            "high-severity finding"
        )
    weak = ranges.get(FIX_OR_RETIRE)
    parts.append(
        f"{VERDICT_LABELS[FIX_OR_RETIRE]} "
        + (f"below {weak.high + 1}, or " if weak else "")
        + f"with any score below {floor}"
    )
    legend = "; ".join(parts)
    return legend[:1].upper() + legend[1:]
