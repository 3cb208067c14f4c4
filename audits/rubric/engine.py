"""Run the rubric over a plan snapshot: findings, per-channel scores, verdicts, the org score.

Only active channels are audited. The checks of each principle yield what they notice; the
engine then applies the three rules that make the audit hold together:

1. One fact, one finding. What the checks of several principles notice about the same fact on
   one channel (they name it with the same `fact`) becomes one finding, charged under each
   principle it bears on with that principle's points. It speaks with the voice of its core
   part if it has one, else of its costliest part.
2. Do it right, or not at all. A finding that breaks a criterion's core (`core`: no content,
   no dialogue, nobody assigned) takes the whole criterion: its core charge is raised to what
   the channel still had on that criterion, so the criterion ends at 0 and every lost point is
   still charged exactly once.
3. A verdict that agrees with its findings (`verdicts.channel_verdict`): a channel with a
   high-severity finding standing is never healthy.

Each criterion of a channel is 100 minus the points charged to it (never below 0). The overall
score is the weighted mean of the four criteria with the `weight_*` thresholds (equal weights
if they are all 0), rounded half up; the organization's score is the rounded mean of its
channels' overall scores.
"""

from collections import defaultdict
from dataclasses import replace
from decimal import Decimal

from outreach.thresholds import effective_thresholds

from . import evidence, integration, interactivity, resourcing, value
from .figures import plan_figures
from .principles import CRITERIA, HIGH, LOW, PRINCIPLES, severity_for
from .result import AuditResult, ChannelResult, Charge, Finding, round_half_up
from .snapshot import PlanSnapshot
from .verdicts import channel_verdict

CHECKS = (
    *value.CHECKS,
    *interactivity.CHECKS,
    *integration.CHECKS,
    *resourcing.CHECKS,
    *evidence.CHECKS,
)
FULL_MARKS = 100
CODE_ORDER = {code: index for index, code in enumerate(PRINCIPLES)}


def audit_plan(snapshot: PlanSnapshot) -> AuditResult:
    thresholds = effective_thresholds(snapshot.thresholds)
    plan = plan_figures(snapshot, thresholds)
    noticed = [finding for check in CHECKS for finding in check(plan)]
    findings = sorted(
        _one_finding_per_fact(_cores_take_the_criterion(noticed)),
        key=lambda f: (-f.points, f.code),
    )
    # What the findings take from each channel, summed once (not once per channel and criterion).
    taken = defaultdict(int)  # (channel, criterion) -> points
    high = set()  # channels a high finding stands on
    for finding in findings:
        for charge in finding.charges:
            for channel, points in charge.affects.items():
                taken[channel, charge.criterion] += points
        if finding.severity == HIGH:
            high.update(finding.affects)
    channels = tuple(_channel_result(channel, taken, high, thresholds) for channel in plan.channels)
    score = (
        round_half_up(Decimal(sum(c.scores["overall"] for c in channels)) / len(channels))
        if channels
        else 0
    )
    return AuditResult(
        score=score, channels=channels, findings=tuple(findings), thresholds=thresholds
    )


def _cores_take_the_criterion(noticed: list[Finding]) -> list[Finding]:
    """Raise each core part to what its channel still had on the criterion (rule 2)."""
    charged = defaultdict(int)  # (channel, criterion) -> points charged
    cores = {}  # (channel, criterion) -> index of the costliest core part there
    for index, finding in enumerate(noticed):
        for charge in finding.charges:
            for channel, points in charge.affects.items():
                charged[channel, charge.criterion] += points
                if charge.core:
                    best = cores.get((channel, charge.criterion))
                    if best is None or finding.points > noticed[best].points:
                        cores[channel, charge.criterion] = index
    result = list(noticed)
    for (channel, criterion), index in cores.items():
        rest = FULL_MARKS - charged[channel, criterion]
        if rest <= 0:
            continue
        finding = result[index]
        points = finding.points + rest
        charge = replace(finding.charges[0], affects={channel: points})
        result[index] = replace(
            finding, points=points, affects={channel: points}, charges=(charge,)
        )
    return result


def _one_finding_per_fact(noticed: list[Finding]) -> list[Finding]:
    """Merge what was noticed of one fact on one channel into one finding (rule 1)."""
    groups: dict[tuple, list[Finding]] = {}
    for finding in noticed:
        key = (finding.channel, finding.fact) if finding.channel else (id(finding),)
        groups.setdefault(key, []).append(finding)
    return [_merged(parts) for parts in groups.values()]


def _merged(parts: list[Finding]) -> Finding:
    if len(parts) == 1:
        return parts[0]
    # The voice of the finding: its core part, else its costliest; on a tie the later
    # principle, whose check sees the wider fact (G4's island over G1's one missing pointer).
    order = {id(part): index for index, part in enumerate(parts)}
    lead = max(parts, key=lambda p: (p.core, p.points, order[id(p)]))
    charges: dict[str, Charge] = {}
    rest = sorted((p for p in parts if p is not lead), key=lambda p: CODE_ORDER[p.code])
    for part in [lead, *rest]:
        for charge in part.charges:
            if charge.code in charges:
                known = charges[charge.code]
                affects = {
                    k: known.affects.get(k, 0) + charge.affects.get(k, 0)
                    for k in {**known.affects, **charge.affects}
                }
                charges[charge.code] = replace(
                    known, affects=affects, core=known.core or charge.core
                )
            else:
                charges[charge.code] = charge
    affects: dict[str, int] = defaultdict(int)
    for charge in charges.values():
        for key, points in charge.affects.items():
            affects[key] += points
    if lead.core:
        severity = HIGH
    elif all(p.severity == LOW for p in parts):
        severity = LOW
    else:
        severity = severity_for(max(affects.values()))
    return replace(
        lead,
        points=sum(affects.values()),
        severity=severity,
        affects=dict(affects),
        charges=tuple(charges.values()),
    )


def _channel_result(channel, taken: dict, high: set, thresholds: dict) -> ChannelResult:
    scores = {
        criterion: max(0, FULL_MARKS - taken[channel.key, criterion]) for criterion in CRITERIA
    }
    scores["overall"] = overall_score(scores, thresholds)
    return ChannelResult(
        key=channel.key,
        platform=channel.platform,
        name=channel.name,
        label=channel.label,
        scores=scores,
        verdict=channel_verdict(scores, thresholds, high_finding_standing=channel.key in high),
    )


def overall_score(scores: dict[str, int], thresholds: dict) -> int:
    """The weighted mean of the four criteria, rounded half up."""
    weights = {c: Decimal(str(thresholds[f"weight_{c}"])) for c in CRITERIA}
    if not any(weights.values()):
        weights = dict.fromkeys(CRITERIA, Decimal(1))
    total = sum(weights[c] * scores[c] for c in CRITERIA)
    return round_half_up(total / sum(weights.values()))
