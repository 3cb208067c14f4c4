"""Hand-written plan snapshots for the rubric's tests, and small helpers to bend them.

`baseline()` is a healthy plan (a micro-blog and a community page) that triggers no finding;
each test breaks it in one way and checks the one principle that should notice.
"""

from dataclasses import replace
from decimal import Decimal

from audits.rubric.snapshot import (
    ActivityFacts,
    AssignmentFacts,
    ChannelFacts,
    LinkFacts,
    PlanSnapshot,
    StaffFacts,
)


def act(channel, kind, per_week, minutes=10, links_to=None, owner=None) -> ActivityFacts:
    return ActivityFacts(
        channel=channel,
        kind=kind,
        per_week=Decimal(str(per_week)),
        minutes_each=minutes,
        owner=owner,
        links_to=links_to,
    )


def assign(staff, channel, hours, duties=("post",), backup=False) -> AssignmentFacts:
    return AssignmentFacts(
        staff=staff,
        channel=channel,
        hours_per_week=Decimal(str(hours)),
        duties=frozenset(duties),
        backup=backup,
    )


def person(key, name, capacity) -> StaffFacts:
    return StaffFacts(key=key, name=name, capacity_hours=Decimal(str(capacity)))


TW = ChannelFacts(
    key="tw",
    platform="twitter",
    name="Acme on X",
    handle="@acme",
    identity="Acme",
    objective="thought_leadership",
    audience="L&D leads",
    follows=240,
    response_target_hours=24,
)
FB = ChannelFacts(
    key="fb",
    platform="facebook",
    name="Acme page",
    identity="Acme",
    objective="community",
    audience="learners and alumni",
    presence="presence",
    response_target_hours=24,
)


def baseline() -> PlanSnapshot:
    """@acme (X) and Acme page (Facebook): 5 and 2 content posts a week, well staffed, linked.

    @acme needs 1.43 h a week, Acme page 1.29 h; Ana and Ben each book 4 h of their 10.
    """
    return PlanSnapshot(
        organization="acme",
        channels=(TW, FB),
        staff=(person("ana", "Ana Ruiz", 10), person("ben", "Ben Okafor", 10)),
        assignments=(
            assign("ana", "tw", 3, ("post", "respond", "curate")),
            assign("ben", "tw", 1, ("respond",), backup=True),
            assign("ben", "fb", 3, ("post", "respond", "moderate")),
            assign("ana", "fb", 1, ("post",), backup=True),
        ),
        activities=(
            act("tw", "point_to_own_work", 2, 15, links_to="fb"),
            act("tw", "point_to_external", 3, 10),
            act("tw", "retweet", 3, 2),
            act("tw", "reply", 3, 5),
            act("tw", "poll", 0.25, 20),
            act("fb", "point_to_own_work", 1, 20),
            act("fb", "point_to_external", 0.5, 10),
            act("fb", "photo", 0.5, 15),
            act("fb", "reply", 2, 5),
            act("fb", "discussion", 1, 20),
            act("fb", "event", 0.25, 60),
        ),
        links=(LinkFacts(from_channel="fb", to_channel="tw", how="profile_link"),),
    )


def with_channel(snapshot: PlanSnapshot, key: str, **changes) -> PlanSnapshot:
    """The snapshot with channel `key`'s facts changed."""
    channels = tuple(replace(c, **changes) if c.key == key else c for c in snapshot.channels)
    return replace(snapshot, channels=channels)


def without_activities(snapshot: PlanSnapshot, channel: str, *kinds: str) -> PlanSnapshot:
    """The snapshot without `channel`'s activities of `kinds` (all of them if none given)."""
    activities = tuple(
        a
        for a in snapshot.activities
        if not (a.channel == channel and (not kinds or a.kind in kinds))
    )
    return replace(snapshot, activities=activities)


def with_activity(snapshot: PlanSnapshot, channel: str, kind: str, **changes) -> PlanSnapshot:
    """The snapshot with `channel`'s activities of `kind` changed (e.g. per_week=...)."""
    if "per_week" in changes:
        changes["per_week"] = Decimal(str(changes["per_week"]))
    activities = tuple(
        replace(a, **changes) if a.channel == channel and a.kind == kind else a
        for a in snapshot.activities
    )
    return replace(snapshot, activities=activities)


def adding(snapshot: PlanSnapshot, **more) -> PlanSnapshot:
    """The snapshot with more channels, staff, assignments, activities or links appended."""
    return replace(
        snapshot, **{name: getattr(snapshot, name) + tuple(items) for name, items in more.items()}
    )


def without_assignments(snapshot: PlanSnapshot, channel: str, staff: str | None = None):
    """The snapshot without the assignments on `channel` (only `staff`'s if given)."""
    assignments = tuple(
        a
        for a in snapshot.assignments
        if not (a.channel == channel and (staff is None or a.staff == staff))
    )
    return replace(snapshot, assignments=assignments)


def with_assignment(snapshot: PlanSnapshot, staff: str, channel: str, **changes):
    """The snapshot with `staff`'s assignment on `channel` changed."""
    if "hours_per_week" in changes:
        changes["hours_per_week"] = Decimal(str(changes["hours_per_week"]))
    if "duties" in changes:
        changes["duties"] = frozenset(changes["duties"])
    assignments = tuple(
        replace(a, **changes) if a.staff == staff and a.channel == channel else a
        for a in snapshot.assignments
    )
    return replace(snapshot, assignments=assignments)


def findings(result, code: str, channel: str | None = "any"):
    """The result's findings charged under `code` (on `channel` if given; None for org-wide
    ones), whether `code` is what the finding is first about or one more principle it bears on."""
    return [
        f for f in result.findings if code in f.codes and (channel == "any" or f.channel == channel)
    ]


def charged(result, code: str, channel: str) -> int:
    """Points charged under `code` to `channel`, over all findings."""
    return sum(
        charge.affects.get(channel, 0)
        for f in result.findings
        for charge in f.charges
        if charge.code == code
    )


def only(result, code: str, channel: str | None = "any"):
    """The one finding with `code` (on `channel`); fails if there is not exactly one."""
    found = findings(result, code, channel)
    assert len(found) == 1, f"expected one {code} finding, got {found}"
    return found[0]
