"""The worked examples of docs/audit.md ("Worked examples"): each plan and the verdict it gets.

If one of these changes, the table in docs/audit.md must change with it.
"""

from dataclasses import replace

from audits.rubric import audit_plan
from audits.rubric.snapshot import ActivityFacts, AssignmentFacts, ChannelFacts, LinkFacts
from audits.tests.snapshots import (
    act,
    adding,
    assign,
    baseline,
    person,
    with_activity,
    with_assignment,
    with_channel,
    without_activities,
    without_assignments,
)


def verdicts(result) -> dict[str, tuple[int, str]]:
    return {c.key: (c.scores["overall"], c.verdict) for c in result.channels}


def test_a_healthy_mature_plan():
    """An X account and a Facebook page, both interactive, linked both ways and staffed with
    a backup: 100 and healthy, nothing to fix."""
    result = audit_plan(baseline())
    assert verdicts(result) == {"tw": (100, "healthy"), "fb": (100, "healthy")}
    assert result.findings == ()


def test_a_billboard_is_fix_or_retire():
    """An X account that only announces its own work, 5 posts a week, with nothing
    interactive: interactivity 0 whatever the rest earns. It read healthy, 76, before."""
    plan = without_activities(baseline(), "tw")
    plan = adding(plan, activities=[act("tw", "point_to_own_work", 5, 15, links_to="fb")])
    result = audit_plan(plan)
    tw = result.channel("tw")
    assert tw.scores["interactivity"] == 0
    assert (tw.scores["overall"], tw.verdict) == (64, "fix_or_retire")
    assert result.findings[0].codes == ("I6", "I1", "I2")
    assert result.channel("fb").verdict == "healthy"


def test_a_static_gallery_is_fix_or_retire_beside_a_healthy_account():
    """The article's Facebook page: marked static, seven photos a week, no discussions, no
    replies, no poll or event, nobody holding the respond duty, beside a healthy X account.
    Before the recalibration it read healthy, 83 (interactivity 30)."""
    plan = with_channel(baseline(), "fb", presence="static")
    plan = without_activities(plan, "fb", "reply", "discussion", "event")
    plan = with_activity(plan, "fb", "photo", per_week=7)
    plan = with_assignment(plan, "ben", "fb", duties=("post", "moderate"))
    result = audit_plan(plan)
    fb = result.channel("fb")
    assert fb.scores == {
        "value": 100,
        "interactivity": 0,
        "integration": 100,
        "resourcing": 100,
        "overall": 75,
    }
    assert fb.verdict == "fix_or_retire"
    billboard = result.findings[0]
    assert (billboard.fact, billboard.codes) == ("billboard", ("I6", "I2", "I3", "I5"))
    assert result.channel("tw").verdict == "healthy"


def test_an_unstaffed_channel_is_fix_or_retire():
    """An X account that only promotes the organization, with nobody assigned: resourcing 0.
    Before the recalibration it read resourcing 20, needs work, 61."""
    plan = without_activities(baseline(), "tw", "point_to_external")
    result = audit_plan(without_assignments(plan, "tw"))
    tw = result.channel("tw")
    assert tw.scores["resourcing"] == 0
    assert (tw.scores["overall"], tw.verdict) == (56, "fix_or_retire")
    unstaffed = result.findings[0]
    assert unstaffed.codes == ("R1", "I2", "R2", "R3", "R4")
    assert sum(1 for f in result.findings if "Nobody" in f.message) == 1


def _identity(prefix: str, identity: str, handle: str, audience: str):
    """The baseline's linked X account and Facebook page, for one more identity."""
    base = baseline()
    keys = {c.key: f"{prefix}-{c.key}" for c in base.channels}
    staff = {p.key: f"{prefix}-{p.key}" for p in base.staff}
    channels = [
        replace(
            c,
            key=keys[c.key],
            name=f"{identity} {c.platform}",
            identity=identity,
            handle=handle if c.handle else "",
            audience=audience,
        )
        for c in base.channels
    ]
    people = [replace(p, key=staff[p.key], name=f"{p.name} ({identity})") for p in base.staff]
    assignments = [
        AssignmentFacts(staff[a.staff], keys[a.channel], a.hours_per_week, a.duties, a.backup)
        for a in base.assignments
    ]
    activities = [
        ActivityFacts(
            keys[a.channel], a.kind, a.per_week, a.minutes_each, links_to=keys.get(a.links_to)
        )
        for a in base.activities
    ]
    links = [LinkFacts(keys[ln.from_channel], keys[ln.to_channel], ln.how) for ln in base.links]
    return channels, people, assignments, activities, links


def two_identities():
    museum = _identity("museum", "Harbour Museum", "@museum", "visitors and members")
    club = _identity("club", "Youth club", "@club", "teenagers and their parents")
    plan = replace(baseline(), channels=(), staff=(), assignments=(), activities=(), links=())
    for channels, people, assignments, activities, links in (museum, club):
        plan = adding(
            plan,
            channels=channels,
            staff=people,
            assignments=assignments,
            activities=activities,
            links=links,
        )
    return plan


def test_two_identities_are_integrated_each_within_itself():
    """A museum and its youth club, each with its own X handle and Facebook page, each pair
    pointing at each other: nobody is asked to point across identities."""
    result = audit_plan(two_identities())
    assert set(verdicts(result).values()) == {(100, "healthy")}
    assert result.findings == ()


def test_a_busier_page_of_the_other_identity_changes_nothing():
    """One more photo a week on the club's page used to make it the 'main' page of the museum's
    X account, with G1 findings between them."""
    plan = with_activity(two_identities(), "club-fb", "photo", per_week=1.5)
    result = audit_plan(plan)
    assert [f for f in result.findings if "G1" in f.codes] == []
    assert set(verdicts(result).values()) == {(100, "healthy")}


def test_a_lone_blog_is_not_an_island():
    """An organization with only a blog, posting weekly, answering comments, with a backup:
    nothing to integrate it with, so nothing is charged for it; healthy."""
    blog = ChannelFacts(
        "blog",
        "blog",
        "Acme blog",
        identity="Acme",
        objective="thought_leadership",
        audience="L&D leads",
        response_target_hours=48,
    )
    plan = replace(
        baseline(),
        channels=(blog,),
        staff=(person("ana", "Ana Ruiz", 6), person("ben", "Ben Okafor", 4)),
        assignments=(
            assign("ana", "blog", 3, ("post", "respond")),
            assign("ben", "blog", 1, ("respond",), backup=True),
        ),
        activities=(
            act("blog", "point_to_own_work", 1, 90),
            act("blog", "point_to_external", 1, 30),
            act("blog", "reply", 2, 10),
        ),
        links=(),
    )
    result = audit_plan(plan)
    assert verdicts(result) == {"blog": (100, "healthy")}
    assert result.findings == ()
