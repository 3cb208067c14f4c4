"""What changed from one completed audit run to the next: the one definition of "compared with
the previous run", which the run page, the dashboard and the weekly email all show.

A finding is the same in both runs when its codes, its channel and its message are; a channel
is the same when its key is. Works on loaded rows (`ChannelScore`, `Finding`), no queries.
"""

from dataclasses import dataclass, field

CRITERIA_AND_OVERALL = ("value", "interactivity", "integration", "resourcing", "overall")


def finding_identity(finding) -> tuple:
    """What makes a finding 'the same' across runs."""
    return (tuple(finding.codes), finding.channel_key, finding.message)


@dataclass(frozen=True)
class ScoreMove:
    """A channel whose overall score moved, or that came (before None) or went (after None)."""

    key: str
    label: str
    before: int | None
    after: int | None

    @property
    def amount(self) -> int | None:
        if self.before is None or self.after is None:
            return None
        return self.after - self.before


@dataclass(frozen=True)
class RunComparison:
    has_previous: bool
    score_delta: int | None  # None without a previous run (or a score) to compare with
    # channel key -> criterion/overall -> change; a channel new in this run has None changes
    channel_deltas: dict[str, dict[str, int | None]] = field(default_factory=dict)
    moves: list[ScoreMove] = field(default_factory=list)
    new_findings: list = field(default_factory=list)
    resolved_findings: list = field(default_factory=list)


def runs_compared(
    *, now_score, old_score, now_scores, old_scores, now_findings, old_findings, has_previous
) -> RunComparison:
    """This run's scores and findings against the previous run's (`has_previous` False: there
    is none, and nothing is new or resolved)."""
    if not has_previous:
        return RunComparison(
            has_previous=False,
            score_delta=None,
            channel_deltas={s.channel_key: dict.fromkeys(CRITERIA_AND_OVERALL) for s in now_scores},
        )
    before = {s.channel_key: s for s in old_scores}
    after = {s.channel_key: s for s in now_scores}
    deltas = {
        key: {
            column: getattr(score, column) - getattr(before[key], column) if key in before else None
            for column in CRITERIA_AND_OVERALL
        }
        for key, score in after.items()
    }
    moves = [
        ScoreMove(
            key, score.channel_label, before[key].overall if key in before else None, score.overall
        )
        for key, score in after.items()
        if key not in before or before[key].overall != score.overall
    ]
    moves += [
        ScoreMove(key, old.channel_label, old.overall, None)
        for key, old in before.items()
        if key not in after
    ]
    old_identities = {finding_identity(f) for f in old_findings}
    now_identities = {finding_identity(f) for f in now_findings}
    return RunComparison(
        has_previous=True,
        score_delta=now_score - old_score
        if now_score is not None and old_score is not None
        else None,
        channel_deltas=deltas,
        moves=moves,
        new_findings=[f for f in now_findings if finding_identity(f) not in old_identities],
        resolved_findings=[f for f in old_findings if finding_identity(f) not in now_identities],
    )
