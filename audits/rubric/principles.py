"""The rubric's principles: criterion, short title and the most points each can cost a channel.

Every criterion starts at 100 on every channel, and the maximum points of its principles add up to
100, so a channel that breaks everything under a criterion ends at 0 there. Principles whose check
has separately fixable parts split their maximum into `PARTS`; each part is its own finding.
The titles paraphrase `rubric.md`; the wording of findings lives with each check.
Plain Python (no Django).
"""

from dataclasses import dataclass

from outreach.platforms import (
    BLOG,
    COMMUNITY,
    MEDIA,
    MICRO_BLOG,
    MODERATE,
    OBJECTIVES,
    RESPOND,
)

VALUE = "value"
INTERACTIVITY = "interactivity"
INTEGRATION = "integration"
RESOURCING = "resourcing"
CRITERIA = (VALUE, INTERACTIVITY, INTEGRATION, RESOURCING)
CRITERION_LABELS = {
    VALUE: "Value",
    INTERACTIVITY: "Interactivity",
    INTEGRATION: "Integration",
    RESOURCING: "Resourcing",
}

HEALTHY = "healthy"
NEEDS_WORK = "needs_work"
FIX_OR_RETIRE = "fix_or_retire"
VERDICTS = (HEALTHY, NEEDS_WORK, FIX_OR_RETIRE)

# Facts that the checks of more than one principle notice on a channel. The engine makes one
# finding of each such fact, charged under every principle it bears on (one fact, one finding).
NO_CONTENT = "no_content"  # no content posts planned (value core)
NO_EXTERNAL = "no_external"  # nothing points beyond the organization (V2, I1)
BILLBOARD = "billboard"  # no dialogue (interactivity core)
UNSTAFFED = "unstaffed"  # nobody assigned (resourcing core)
ISLAND = "island"  # linked to no other channel (G4, and G1 from it)

HIGH = "high"
MEDIUM = "medium"
LOW = "low"
SEVERITIES = (HIGH, MEDIUM, LOW)
SEVERITY_LABELS = {HIGH: "High", MEDIUM: "Medium", LOW: "Low"}
HIGH_FROM_POINTS = 15
MEDIUM_FROM_POINTS = 7


@dataclass(frozen=True)
class Principle:
    code: str
    criterion: str
    title: str
    max_points: int


PRINCIPLES: dict[str, Principle] = {
    p.code: p
    for p in (
        Principle("V1", VALUE, "Something worth following, often enough", 40),
        Principle("V2", VALUE, "Points beyond itself, not only to its own work", 25),
        Principle("V3", VALUE, "Knows what it is for and whom it serves", 20),
        Principle("V4", VALUE, "A community page gives people reasons to return", 10),
        Principle("V5", VALUE, "Each network used for what it does best", 5),
        Principle("I1", INTERACTIVITY, "Amplifies other people's work", 20),
        Principle("I2", INTERACTIVITY, "Answers the people who talk to it", 20),
        Principle("I3", INTERACTIVITY, "Hosts discussions and takes part", 15),
        Principle("I4", INTERACTIVITY, "Invites people to take part", 10),
        Principle("I5", INTERACTIVITY, "A place for dialogue, not a notice board", 15),
        Principle("I6", INTERACTIVITY, "Talks with people, not only at them", 20),
        Principle("G1", INTEGRATION, "The main channels point at each other", 25),
        Principle("G2", INTEGRATION, "Sends traffic on, but not all to one place", 20),
        Principle("G3", INTEGRATION, "A second account on a platform has its own identity", 20),
        Principle("G4", INTEGRATION, "Tied into the rest of the plan", 25),
        Principle("G5", INTEGRATION, "A distinct role on each network", 10),
        Principle("R1", RESOURCING, "Someone owns the channel", 30),
        Principle("R2", RESOURCING, "The hours match the plan", 25),
        Principle("R3", RESOURCING, "Someone holds the interaction duties", 20),
        Principle("R4", RESOURCING, "More than one person can keep it going", 15),
        Principle("R5", RESOURCING, "Nobody is booked past their capacity", 10),
    )
}

# Separately fixable parts of a principle; each part adds up to the principle's maximum.
PARTS: dict[str, dict[str, int]] = {
    "V3": {"objective": 12, "audience": 8},
    "I1": {"reshares": 12, "follows": 8},
    "I2": {"reply": 10, "respond_duty": 7, "response_target": 3},
    "I3": {"discussion": 8, "moderate_duty": 7},
    "G3": {"identity": 10, "audience": 10},
    "R3": {RESPOND: 10, MODERATE: 10},
}

# Objectives that play to each platform family's strength (V5). Micro-blogs suit thought
# leadership and quick exchanges (feedback and support); community pages suit awareness,
# announcements, feedback and community. Blogs carry long-form thinking and news; media
# channels (photos, video) build reach, a following, and show expertise (talks, demos).
OBJECTIVE_LABELS = {value: noun for value, (_, noun) in OBJECTIVES.items()}
FITTING_OBJECTIVES: dict[str, tuple[str, ...]] = {
    MICRO_BLOG: ("thought_leadership", "feedback"),
    COMMUNITY: ("awareness", "announcements", "feedback", "community"),
    BLOG: ("thought_leadership", "announcements", "awareness"),
    MEDIA: ("awareness", "thought_leadership", "community"),
}

# How findings name a platform family ("a micro-blog needs 5").
FAMILY_NOUNS = {
    MICRO_BLOG: "a micro-blog",
    COMMUNITY: "a community page",
    MEDIA: "a media channel",
    BLOG: "a blog",
}


def severity_for(points: int) -> str:
    if points >= HIGH_FROM_POINTS:
        return HIGH
    if points >= MEDIUM_FROM_POINTS:
        return MEDIUM
    return LOW


assert all(sum(PARTS[code].values()) == PRINCIPLES[code].max_points for code in PARTS)
assert all(
    sum(p.max_points for p in PRINCIPLES.values() if p.criterion == criterion) == 100
    for criterion in CRITERIA
)
