"""The plan file's validation, parsing and normal form (no database)."""

import copy
import json
import re
from decimal import Decimal
from pathlib import Path

import pytest

from outreach.thresholds import DEFAULT_THRESHOLDS
from strategy.planfile import (
    LIST_SECTIONS,
    PlanFileError,
    json_number,
    plan_document_comparable,
    plan_document_errors,
    plan_document_normalized,
    plan_document_parse,
)

DEMO_PLAN = Path(__file__).resolve().parents[1] / "demo" / "demo-plan.json"
PLAN_FORMAT_DOC = Path(__file__).resolve().parents[2] / "docs" / "plan-format.md"

# The example of /work/shared/plan-format.md, copied as it is written there.
SPEC_EXAMPLE = {
    "format": 1,
    "organization": {"name": "Acme Learning", "slug": "acme", "timezone": "Europe/London"},
    "plan": {
        "title": "2027 H1 outreach",
        "period_start": "2027-01-01",
        "period_end": "2027-06-30",
        "objectives": (
            "Be seen as the thought leader on workplace learning; grow the community page."
        ),
    },
    "channels": [
        {
            "key": "tw",
            "platform": "twitter",
            "handle": "@acme",
            "name": "Acme on X",
            "identity": "Acme",
            "objective": "thought_leadership",
            "audience": "L&D leads",
            "follows": 240,
        },
        {
            "key": "fb",
            "platform": "facebook",
            "handle": "https://facebook.com/acme",
            "name": "Acme page",
            "identity": "Acme",
            "objective": "community",
            "audience": "learners and alumni",
            "presence": "presence",
        },
    ],
    "staff": [{"key": "ana", "name": "Ana Ruiz", "email": "ana@example.org", "capacity_hours": 10}],
    "assignments": [
        {
            "staff": "ana",
            "channel": "tw",
            "hours_per_week": 4,
            "duties": ["post", "respond", "curate"],
            "backup": False,
        }
    ],
    "activities": [
        {
            "channel": "tw",
            "kind": "point_to_own_work",
            "per_week": 3,
            "minutes_each": 10,
            "owner": "ana",
            "links_to": "fb",
            "notes": "new course pages",
        }
    ],
    "links": [{"from": "fb", "to": "tw", "how": "embed"}],
}


def example_document() -> dict:
    """A fresh copy of the spec's example, safe to change."""
    return copy.deepcopy(SPEC_EXAMPLE)


def demo_document() -> dict:
    return json.loads(DEMO_PLAN.read_text(encoding="utf-8"))


def test_the_spec_example_is_valid():
    assert plan_document_errors(example_document()) == []


def test_the_demo_plan_is_valid():
    assert plan_document_errors(demo_document()) == []


def test_the_example_of_the_plan_format_doc_is_valid():
    """docs/plan-format.md's example, thresholds included, imports as it is written."""
    text = PLAN_FORMAT_DOC.read_text(encoding="utf-8")
    example = re.search(r"```json\n(.*?)```", text, re.DOTALL).group(1)
    document = plan_document_parse(example)
    assert plan_document_errors(document) == []
    assert set(document) == {*LIST_SECTIONS, "format", "organization", "plan", "thresholds"}


def test_a_minimal_file_without_the_optional_sections_is_valid():
    document = example_document()
    for optional in ("staff", "assignments", "activities", "links"):
        del document[optional]
    del document["organization"]["timezone"]
    assert plan_document_errors(document) == []


def _set(path: str, value):
    """A change to the example: set the value at a dotted path (list indexes as numbers)."""

    def change(document):
        *parents, last = path.split(".")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return change


def _delete(path: str):
    def change(document):
        *parents, last = path.split(".")
        target = document
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return change


def _append(section: str, entry):
    def change(document):
        document[section].append(copy.deepcopy(entry))

    return change


def _append_copy(section: str, index: int = 0):
    def change(document):
        document[section].append(copy.deepcopy(document[section][index]))

    return change


BAD_FILES = {
    "wrong format": (_set("format", 2), "format: 2 is not a format this version reads (only 1)"),
    "missing format": (_delete("format"), "format: required, but missing"),
    "missing required key": (
        _delete("channels.0.platform"),
        "channels[0].platform: required, but missing",
    ),
    "unknown top-level key": (
        _set("colour", "blue"),
        "colour: not a known key here (the known ones are format, organization, plan, "
        "channels, staff, assignments, activities, links, thresholds)",
    ),
    "unknown nested key": (
        _set("staff.0.phone", "555"),
        "staff[0].phone: not a known key here (the known ones are key, name, email, "
        "capacity_hours)",
    ),
    "section of the wrong type": (_set("links", {}), "links: must be a list, not an object"),
    "entry not an object": (
        _append("links", "fb->tw"),
        "links[1]: must be an object, not 'fb->tw'",
    ),
    "text of the wrong type": (
        _set("channels.0.name", 42),
        "channels[0].name: must be text, not 42",
    ),
    "empty required text": (
        _set("organization.name", "  "),
        "organization.name: must not be empty",
    ),
    "text too long": (
        _set("activities.0.notes", "x" * 501),
        "activities[0].notes: is too long (501 characters; at most 500)",
    ),
    "key not a slug": (
        _append("staff", {"key": "Bo Li", "name": "Bo Li", "capacity_hours": 2}),
        "staff[1].key: 'Bo Li' is not a valid key: use only letters, digits, hyphens and "
        "underscores, with no spaces",
    ),
    "duplicate channel key": (
        _append_copy("channels"),
        "channels[2].key: 'tw' is already the key of channels[0]",
    ),
    "unknown platform": (
        _set("channels.1.platform", "myspace"),
        "channels[1].platform: 'myspace' is not a platform (one of twitter, mastodon, bluesky, "
        "facebook, linkedin, instagram, youtube, blog)",
    ),
    "unknown objective": (
        _set("channels.0.objective", "fame"),
        "channels[0].objective: 'fame' is not an objective (one of awareness, "
        "thought_leadership, feedback, community, announcements, or empty)",
    ),
    "presence off a community page": (
        _set("channels.0.presence", "static"),
        "channels[0].presence: only community pages (facebook, linkedin) have a presence mode; "
        "leave it out for twitter",
    ),
    "unknown presence": (
        _set("channels.1.presence", "lively"),
        "channels[1].presence: 'lively' is not a presence mode (one of presence, static)",
    ),
    "negative follows": (
        _set("channels.0.follows", -3),
        "channels[0].follows: must be a whole number ≥ 0, not -3",
    ),
    "active not a boolean": (
        _set("channels.0.active", "yes"),
        "channels[0].active: must be true or false, not 'yes'",
    ),
    "capacity not a number": (
        _set("staff.0.capacity_hours", "ten"),
        "staff[0].capacity_hours: must be a number ≥ 0, not 'ten'",
    ),
    "capacity too large": (
        _set("staff.0.capacity_hours", 1000),
        "staff[0].capacity_hours: must be below 1000, not 1000",
    ),
    "bad email": (
        _set("staff.0.email", "ana at example"),
        "staff[0].email: 'ana at example' is not an email address",
    ),
    "unknown staff in an assignment": (
        _set("assignments.0.staff", "bob"),
        "assignments[0].staff: 'bob' is not one of the file's staff keys (ana)",
    ),
    "unknown channel in an assignment": (
        _set("assignments.0.channel", "ig"),
        "assignments[0].channel: 'ig' is not one of the file's channel keys (tw, fb)",
    ),
    "unknown duty": (
        _set("assignments.0.duties", ["post", "tweet"]),
        "assignments[0].duties[1]: 'tweet' is not a duty (one of post, respond, moderate, curate)",
    ),
    "duty twice": (
        _set("assignments.0.duties", ["post", "post"]),
        "assignments[0].duties[1]: 'post' is listed twice",
    ),
    "duties not a list": (
        _set("assignments.0.duties", "post"),
        'assignments[0].duties: must be a list of duties such as ["post", "respond"], not \'post\'',
    ),
    "too many decimal places": (
        _set("assignments.0.hours_per_week", 1.125),
        "assignments[0].hours_per_week: may have at most 2 decimal places, not 1.125",
    ),
    "duplicate assignment": (
        _append_copy("assignments"),
        "assignments[1]: 'ana' is already assigned to 'tw' in assignments[0]; give one "
        "assignment per person and channel",
    ),
    "unknown activity kind": (
        _set("activities.0.kind", "meme"),
        "activities[0].kind: 'meme' is not an activity kind (one of point_to_own_work, "
        "point_to_external, photo, retweet, reply, discussion, poll, event)",
    ),
    "negative per_week": (
        _set("activities.0.per_week", -1),
        "activities[0].per_week: must be a number ≥ 0, not -1",
    ),
    "boolean as a number": (
        _set("activities.0.per_week", True),
        "activities[0].per_week: must be a number ≥ 0, not true",
    ),
    "minutes not whole": (
        _set("activities.0.minutes_each", 7.5),
        "activities[0].minutes_each: must be a whole number ≥ 0, not 7.5",
    ),
    "unknown owner": (
        _set("activities.0.owner", "zoe"),
        "activities[0].owner: 'zoe' is not one of the file's staff keys (ana)",
    ),
    "unknown links_to": (
        _set("activities.0.links_to", "blog"),
        "activities[0].links_to: 'blog' is not one of the file's channel keys (tw, fb)",
    ),
    "links_to its own channel": (
        _set("activities.0.links_to", "tw"),
        "activities[0].links_to: 'tw' is the activity's own channel; name another channel the "
        "posts point to, or leave links_to out",
    ),
    "unknown link kind": (
        _set("links.0.how", "hashtag"),
        "links[0].how: 'hashtag' is not a kind of link (one of profile_link, embed, cross_post)",
    ),
    "link to itself": (
        _set("links.0.to", "fb"),
        "links[0].to: a link joins two different channels, not 'fb' to itself",
    ),
    "unknown link end": (
        _set("links.0.from", "ig"),
        "links[0].from: 'ig' is not one of the file's channel keys (tw, fb)",
    ),
    "duplicate link": (_append_copy("links"), "links[1]: repeats links[0] (fb → tw, embed)"),
    "not a date": (
        _set("plan.period_start", "01/01/2027"),
        "plan.period_start: '01/01/2027' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31",
    ),
    "impossible date": (
        _set("plan.period_end", "2027-02-30"),
        "plan.period_end: '2027-02-30' is not a date; write it as YYYY-MM-DD, e.g. 2027-01-31",
    ),
    "period ends before it starts": (
        _set("plan.period_end", "2026-12-31"),
        "plan.period_end: 2026-12-31 is before period_start (2027-01-01)",
    ),
    "unknown timezone": (
        _set("organization.timezone", "Europe/Londn"),
        "organization.timezone: 'Europe/Londn' is not a time zone; use an IANA name such as "
        "Europe/London",
    ),
    "unknown threshold": (
        _set("thresholds", {"posts_per_day": 3}),
        "thresholds.posts_per_day: not a threshold; the thresholds are: "
        + ", ".join(DEFAULT_THRESHOLDS),
    ),
    "negative threshold": (
        _set("thresholds", {"healthy_from": -1}),
        "thresholds.healthy_from: a whole score from 0 to 100, not -1",
    ),
    "share written as a percentage": (
        _set("thresholds", {"interactive_share_min": 40}),
        "thresholds.interactive_share_min: a share from 0 to 1 (0.4 means 40%), not 40",
    ),
    "threshold that is not a number": (
        _set("thresholds", {"healthy_from": float("nan")}),
        "thresholds.healthy_from: a whole score from 0 to 100, not NaN (which is not a number)",
    ),
    "verdict thresholds the wrong way round": (
        _set("thresholds", {"fix_or_retire_below": 80}),
        "thresholds.fix_or_retire_below: 80 is above healthy_from (70, the default); a score "
        "cannot need fixing and be healthy at once, so fix_or_retire_below must be at most "
        "healthy_from",
    ),
}


@pytest.mark.parametrize(("change", "message"), BAD_FILES.values(), ids=BAD_FILES.keys())
def test_each_kind_of_bad_file_gets_its_own_message(change, message):
    """A single problem gives exactly one message, naming its place."""
    document = example_document()
    change(document)
    assert plan_document_errors(document) == [message]


def test_every_problem_is_reported_at_once():
    document = example_document()
    document["channels"][1]["platform"] = "myspace"
    document["staff"][0]["capacity_hours"] = -2
    document["links"][0]["how"] = "hashtag"
    document["organization"]["timezone"] = "Mars/Olympus"
    errors = plan_document_errors(document)
    assert [error.split(":")[0] for error in errors] == [
        "organization.timezone",
        "channels[1].platform",
        "staff[0].capacity_hours",
        "links[0].how",
    ]


def test_a_top_level_that_is_not_an_object_is_one_problem():
    assert plan_document_errors(["format", 1]) == [
        "the file must hold one JSON object ({ … }), not a list"
    ]


def test_an_empty_object_names_every_missing_section():
    assert plan_document_errors({}) == [
        "format: required, but missing",
        "organization: required, but missing",
        "plan: required, but missing",
        "channels: required, but missing",
    ]


# Parsing --------------------------------------------------------------------------------------


def test_parse_reads_bytes_and_text():
    text = json.dumps(SPEC_EXAMPLE)
    assert plan_document_parse(text) == SPEC_EXAMPLE
    assert plan_document_parse(("\ufeff" + text).encode("utf-8")) == SPEC_EXAMPLE


def test_parse_reports_invalid_json_with_line_and_column():
    with pytest.raises(PlanFileError) as raised:
        plan_document_parse(b'{\n  "format": 1,\n  "plan": {,}\n}')
    assert raised.value.errors == [
        "line 3, column 12: not valid JSON (Expecting property name enclosed in double quotes)"
    ]


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"[1, 2]", "the file must hold one JSON object ({ … }), not a list"),
        (b'"plan"', "the file must hold one JSON object ({ … }), not 'plan'"),
        (b"  \n", "the file is empty; it should hold one JSON object ({ … })"),
        (b"\xff\xfe{}", "the file is not UTF-8 text (unreadable byte at position 1)"),
        (
            b'{"format": 1, "format": 1}',
            "the key 'format' appears twice in one object; keep only one",
        ),
        (
            b'{"thresholds": {"healthy_from": 1' + b"0" * 5000 + b"}}",
            "the file holds a number too long to read (thousands of digits)",
        ),
    ],
    ids=["list", "string", "empty", "not utf-8", "repeated key", "endless number"],
)
def test_parse_refuses_what_is_not_one_json_object(raw, message):
    with pytest.raises(PlanFileError) as raised:
        plan_document_parse(raw)
    assert raised.value.errors == [message]


# The normal form ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [(3, 3), (3.0, 3), (Decimal("3.00"), 3), (Decimal("0.25"), 0.25), (0.1, 0.1)],
)
def test_numbers_are_ints_when_integral_else_floats(value, expected):
    number = json_number(value)
    assert number == expected
    assert type(number) is type(expected)


def test_the_spec_example_is_already_in_normal_form():
    assert plan_document_normalized(example_document()) == SPEC_EXAMPLE


def test_normal_form_fills_defaults_and_leaves_out_empty_optionals():
    document = example_document()
    del document["channels"][1]["presence"]
    del document["organization"]["timezone"]
    document["assignments"][0]["duties"] = ["curate", "post"]
    del document["assignments"][0]["backup"]
    document["activities"][0].update(owner=None, links_to=None, notes="")
    document["channels"][0].update(follows=None, active=True)
    document["thresholds"] = {}
    normal = plan_document_normalized(document)
    assert normal["channels"][1]["presence"] == "presence"
    assert normal["organization"]["timezone"] == "UTC"
    assert normal["assignments"][0]["duties"] == ["post", "curate"]
    assert normal["assignments"][0]["backup"] is False
    assert normal["activities"][0] == {
        "channel": "tw",
        "kind": "point_to_own_work",
        "per_week": 3,
        "minutes_each": 10,
    }
    assert "follows" not in normal["channels"][0]
    assert "active" not in normal["channels"][0]
    assert "thresholds" not in normal


def test_comparable_form_ignores_the_order_of_lists():
    document = demo_document()
    shuffled = copy.deepcopy(document)
    for section in ("channels", "staff", "assignments", "activities", "links"):
        shuffled[section].reverse()
    assert plan_document_comparable(plan_document_normalized(shuffled)) == (
        plan_document_comparable(plan_document_normalized(document))
    )
