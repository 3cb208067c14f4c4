"""The audit's rules hold on every plan, not only on the hand-written ones.

Hypothesis generates plans of one to six channels on any platform and identity, with any mix of
activities, people, duties, links and capacities (inactive channels included), and checks what
a strategist relies on: the verdict agrees with the findings, the cores of the rubric hold,
every lost point is charged once and within its principle's maximum, and no fact is told
twice on one channel.
"""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from audits.rubric import CRITERIA, PRINCIPLES, audit_plan
from audits.rubric.snapshot import (
    ActivityFacts,
    ActualFacts,
    AssignmentFacts,
    ChannelFacts,
    LinkFacts,
    PlanSnapshot,
    StaffFacts,
)
from outreach.platforms import PLATFORMS, is_community
from strategy.activity_kinds import CONTENT_KINDS, INTERACTIVE_KINDS, KIND_LABELS

OBJECTIVES = ("", "awareness", "thought_leadership", "feedback", "community", "announcements")
RATES = tuple(Decimal(r) for r in ("0", "0.1", "0.25", "0.5", "1", "2", "3", "5", "8"))
HOURS = tuple(Decimal(h) for h in ("0", "0.5", "1", "2", "3", "5", "8", "12"))
DUTIES = ("post", "respond", "moderate", "curate")


@st.composite
def plans(draw) -> PlanSnapshot:
    n_channels = draw(st.integers(1, 6))
    channels = []
    for index in range(n_channels):
        platform = draw(st.sampled_from(sorted(PLATFORMS)))
        channels.append(
            ChannelFacts(
                key=f"c{index}",
                platform=platform,
                name=f"Channel {index}",
                handle=draw(st.sampled_from(("", f"@c{index}"))),
                identity=draw(st.sampled_from(("", "Museum", "museum ", "Youth club"))),
                objective=draw(st.sampled_from(OBJECTIVES)),
                audience=draw(st.sampled_from(("", "families", "teachers"))),
                presence=draw(st.sampled_from(("presence", "static")))
                if is_community(platform)
                else "",
                follows=draw(st.sampled_from((None, 0, 150))),
                active=draw(st.booleans()) if index else True,
                response_target_hours=draw(st.sampled_from((None, 24))),
            )
        )
    keys = [c.key for c in channels]
    staff = [
        StaffFacts(f"s{i}", f"Person {i}", draw(st.sampled_from(HOURS)))
        for i in range(draw(st.integers(0, 4)))
    ]
    assignments = []
    for person in staff:
        for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)):
            assignments.append(
                AssignmentFacts(
                    staff=person.key,
                    channel=key,
                    hours_per_week=draw(st.sampled_from(HOURS)),
                    duties=frozenset(draw(st.lists(st.sampled_from(DUTIES), unique=True))),
                    backup=draw(st.booleans()),
                )
            )
    activities = [
        ActivityFacts(
            channel=draw(st.sampled_from(keys)),
            kind=draw(st.sampled_from(sorted(KIND_LABELS))),
            per_week=draw(st.sampled_from(RATES)),
            minutes_each=draw(st.integers(1, 90)),
            links_to=draw(st.sampled_from((None, *keys))),
        )
        for _ in range(draw(st.integers(0, 14)))
    ]
    links = [
        LinkFacts(draw(st.sampled_from(keys)), draw(st.sampled_from(keys)), "profile_link")
        for _ in range(draw(st.integers(0, 4)))
    ]
    counts = st.one_of(st.none(), st.integers(0, 60))
    actual = {}
    for key in draw(st.lists(st.sampled_from(keys), unique=True, max_size=3)):
        items = draw(st.integers(1, 120))
        actual[key] = ActualFacts(
            weeks=Decimal(draw(st.integers(1, 12))),
            period_end=date(2024, 3, 29),
            items=items,
            content=draw(counts),
            replies=draw(counts),
            reshares=draw(counts),
            own_work=draw(counts),
            external=draw(counts),
            to_channels=draw(
                st.one_of(
                    st.none(),
                    st.dictionaries(st.sampled_from(keys), st.integers(0, 40), max_size=3),
                )
            ),
            reply_delay_median_hours=draw(st.sampled_from((None, Decimal(2), Decimal(40)))),
            reply_delay_p90_hours=Decimal(50),
        )
    return PlanSnapshot(
        organization="org",
        actual=actual,
        channels=tuple(channels),
        staff=tuple(staff),
        assignments=tuple(assignments),
        activities=tuple(activities),
        links=tuple(links),
    )


def planned(plan: PlanSnapshot, key: str, kinds) -> bool:
    return any(a.channel == key and a.kind in kinds and a.per_week > 0 for a in plan.activities)


PROPERTY = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(plans())
def test_a_healthy_channel_has_no_high_finding_standing(plan):
    result = audit_plan(plan)
    for channel in result.channels:
        if channel.verdict == "healthy":
            assert not [
                f for f in result.findings if f.severity == "high" and channel.key in f.affects
            ]


@PROPERTY
@given(plans())
def test_the_cores_hold(plan):
    """Nobody assigned: resourcing 0. Nothing interactive: interactivity under the floor.
    No content: value under the floor. Each makes the channel fix or retire. Where the export
    files tell what was done, that is what counts; elsewhere the plan."""
    result = audit_plan(plan)
    floor = result.thresholds["criterion_floor"]
    for channel in result.channels:
        scores = channel.scores
        done = plan.actual.get(channel.key)
        if not any(a.channel == channel.key for a in plan.assignments):
            assert scores["resourcing"] == 0
            assert channel.verdict == "fix_or_retire"
        if done is not None and done.interactive_share is not None:
            no_interaction = done.interactive_share == 0
        else:
            no_interaction = not planned(plan, channel.key, INTERACTIVE_KINDS)
        if no_interaction:
            assert scores["interactivity"] < floor
            assert channel.verdict == "fix_or_retire"
        if done is not None and done.content is not None:
            no_content = done.content == 0
        else:
            no_content = not planned(plan, channel.key, CONTENT_KINDS)
        if no_content:
            assert scores["value"] < floor
            assert channel.verdict == "fix_or_retire"


@PROPERTY
@given(plans())
def test_every_lost_point_is_charged_once_within_its_principle(plan):
    """Per channel and criterion, the charges add up to exactly what the score lost; no
    principle costs a channel more than its maximum, except a broken core, which takes what
    was left of its criterion."""
    result = audit_plan(plan)
    charged = defaultdict(int)
    per_code = defaultdict(int)
    core = set()
    for finding in result.findings:
        assert finding.points == sum(c.points for c in finding.charges) > 0
        for charge in finding.charges:
            for key, points in charge.affects.items():
                assert points > 0
                charged[key, charge.criterion] += points
                per_code[key, charge.code] += points
                if charge.core:
                    core.add((key, charge.code))
    for channel in result.channels:
        for criterion in CRITERIA:
            assert channel.scores[criterion] == 100 - charged[channel.key, criterion]
    for (key, code), points in per_code.items():
        assert points <= (100 if (key, code) in core else PRINCIPLES[code].max_points)


@PROPERTY
@given(plans())
def test_no_fact_is_reported_twice_on_a_channel(plan):
    """One finding per fact and channel; the duties and the empty channel in particular are
    told once, whichever principles they bear on."""
    result = audit_plan(plan)
    by_channel = defaultdict(list)
    for finding in result.findings:
        if finding.channel:
            by_channel[finding.channel].append(finding)
            assert len(set(finding.codes)) == len(finding.codes)
    for found in by_channel.values():
        facts = [f.fact for f in found]
        assert len(facts) == len(set(facts)), facts
        for duty in ("respond", "moderate"):
            told = [f for f in found if f"{duty} duty" in f.message]
            assert len(told) <= 1, [f.message for f in told]
        unstaffed = [f for f in found if f.fact == "unstaffed"]
        if unstaffed:
            assert not [f for f in found if f.fact != "unstaffed" and f.code in {"R2", "R4"}]
            assert not any(f"{duty} duty" in f.message for f in found for duty in DUTIES)
