"""What an import costs the database: a number of queries that does not grow with the plan
(beyond bulk statements split into batches), and writes of exactly what the file changes."""

import copy
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outreach.models import Assignment, Channel, StaffMember
from strategy.models import PlannedActivity, StrategyPlan
from strategy.selectors import plan_document
from strategy.services import plan_import

pytestmark = pytest.mark.django_db

PLATFORMS = ("twitter", "facebook", "blog", "mastodon", "linkedin", "instagram", "youtube")
KINDS = ("point_to_own_work", "reply", "retweet", "photo", "discussion", "point_to_external")
# A bulk statement is split into batches by the number of parameters a query may carry
# (999 on SQLite): a plan five times the size may take a few more statements, never one a row.
BATCHING_ALLOWANCE = 6


def plan_file(*, channels: int = 8, scale: int = 1, slug: str = "acme") -> dict:
    """A plan file like docs/plan-format.md's: `channels` channels, and 6 staff, 12 assignments,
    40 activities and 10 links times `scale`, every optional field used somewhere."""
    staff = 6 * scale
    return {
        "format": 1,
        "organization": {"name": "Acme Learning", "slug": slug, "timezone": "Europe/London"},
        "plan": {
            "title": "2027 H1 outreach",
            "period_start": "2027-01-01",
            "period_end": "2027-06-30",
            "objectives": "Be seen as the thought leader on workplace learning.",
        },
        "channels": [_channel(index) for index in range(channels)],
        "staff": [
            {
                "key": f"p{index}",
                "name": f"Person {index}",
                "email": f"p{index}@example.org" if index % 2 else "",
                "capacity_hours": 10.5,
            }
            for index in range(staff)
        ],
        # Person i % staff on channel i % channels: unique pairs while staff and channels
        # have a least common multiple above the count, as 6 and 8, and 30 and 50 have.
        "assignments": [
            {
                "staff": f"p{index % staff}",
                "channel": f"ch{index % channels}",
                "hours_per_week": 2.25,
                "duties": ["post", "respond"] if index % 2 else ["curate"],
                "backup": index % 3 == 0,
            }
            for index in range(12 * scale)
        ],
        "activities": [_activity(index, channels, staff) for index in range(40 * scale)],
        "links": [
            {
                "from": f"ch{index % channels}",
                "to": f"ch{(index + 1 + index // channels) % channels}",
                "how": ("profile_link", "embed", "cross_post")[index % 3],
            }
            for index in range(10 * scale)
        ],
        "thresholds": {"healthy_from": 75},
    }


def _channel(index: int) -> dict:
    platform = PLATFORMS[index % len(PLATFORMS)]
    channel = {
        "key": f"ch{index}",
        "platform": platform,
        "handle": f"@acme{index}",
        "name": f"Acme channel {index}",
        "identity": "Acme",
        "objective": "community" if index % 2 else "awareness",
        "audience": "learners",
    }
    if platform in ("facebook", "linkedin"):
        channel["presence"] = "static" if index % 4 == 1 else "presence"
    if index % 3 == 0:
        channel["follows"] = 100 + index
    if index % 5 == 4:
        channel["response_target_hours"] = 24
    return channel


def _activity(index: int, channels: int, staff: int) -> dict:
    activity = {
        "channel": f"ch{index % channels}",
        "kind": KINDS[index % len(KINDS)],
        "per_week": (0.25, 1, 3, 2.5)[index % 4],
        "minutes_each": 5 + index % 30,
    }
    if index % 2 == 0:
        activity["owner"] = f"p{(index // 2) % staff}"
    if index % 3 == 0:
        activity["links_to"] = f"ch{(index + 1) % channels}"
    if index % 4 == 0:
        activity["notes"] = f"note {index}"
    return activity


def _queries(document: dict) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        plan_import(document=copy.deepcopy(document))
    return [query["sql"] for query in captured.captured_queries]


def _writes(queries: list[str]) -> list[str]:
    """The writing statements, each as "VERB table" (e.g. "UPDATE outreach_channel")."""
    writes = []
    for sql in queries:
        match = re.match(r'\s*(INSERT INTO|UPDATE|DELETE FROM)\s+"?(\w+)"?', sql, re.IGNORECASE)
        if match:
            writes.append(f"{match.group(1).split()[0].upper()} {match.group(2)}")
    return writes


def test_importing_an_8_channel_plan_takes_at_most_60_queries(django_assert_max_num_queries):
    with django_assert_max_num_queries(60):
        result = plan_import(document=plan_file())

    assert result.created and result.changed
    assert plan_document(organization=result.organization) == plan_file()


def test_a_plan_of_50_channels_and_five_times_the_rows_takes_as_many_queries():
    small = len(_queries(plan_file(channels=8, scale=1, slug="small")))
    large = len(_queries(plan_file(channels=50, scale=5, slug="large")))

    assert small <= 60
    assert large <= small + BATCHING_ALLOWANCE, (small, large)


def test_a_changed_large_plan_takes_as_many_queries_as_a_changed_small_one():
    def changed(document: dict) -> dict:
        document = copy.deepcopy(document)
        document["channels"][0]["name"] = "Renamed"
        document["staff"][1]["capacity_hours"] = 3
        document["assignments"][2]["hours_per_week"] = 1
        document["activities"].pop(3)
        document["activities"][5]["per_week"] = 9
        document["links"].pop(0)
        document["plan"]["title"] = "Changed"
        return document

    counts = {}
    for name, channels, scale in (("small", 8, 1), ("large", 50, 5)):
        document = plan_file(channels=channels, scale=scale, slug=name)
        plan_import(document=copy.deepcopy(document))
        counts[name] = len(_queries(changed(document)))

    assert counts["small"] <= 60
    assert counts["large"] <= counts["small"] + BATCHING_ALLOWANCE, counts


def test_reimporting_an_unchanged_file_reads_a_few_tables_and_writes_nothing():
    document = plan_file(channels=50, scale=5)
    plan_import(document=copy.deepcopy(document))
    shuffled = copy.deepcopy(document)
    for section in ("channels", "staff", "assignments", "activities", "links"):
        shuffled[section].reverse()

    for again in (document, shuffled):
        queries = _queries(again)
        assert _writes(queries) == []
        # The organization, locked; the plan, its activities and links; channels, staff and
        # assignments (and the savepoint the test's transaction wraps the import in).
        assert len([sql for sql in queries if "SAVEPOINT" not in sql]) <= 7, queries


def test_a_changed_file_writes_just_what_changed():
    """A channel renamed, an activity removed and a person removed (their assignments with
    them, the activities they owned left without an owner): only those rows are written."""
    document = plan_file()
    organization = plan_import(document=copy.deepcopy(document)).organization
    plan = StrategyPlan.objects.get(organization=organization)
    ids_before = {
        "channel": dict(Channel.objects.values_list("key", "id")),
        "activity": set(PlannedActivity.objects.values_list("id", flat=True)),
    }
    removed = PlannedActivity.objects.get(plan=plan, notes="note 4")
    changed = copy.deepcopy(document)
    changed["channels"][2]["name"] = "Acme blog, renamed"
    changed["activities"] = [a for a in changed["activities"] if a.get("notes") != "note 4"]
    changed["staff"] = [s for s in changed["staff"] if s["key"] != "p5"]
    changed["assignments"] = [a for a in changed["assignments"] if a["staff"] != "p5"]
    for activity in changed["activities"]:
        if activity.get("owner") == "p5":
            del activity["owner"]

    writes = _writes(_queries(changed))

    assert sorted(writes) == [
        "DELETE outreach_assignment",  # p5's, with p5
        "DELETE outreach_staffmember",
        "DELETE strategy_plannedactivity",
        "UPDATE outreach_channel",
        "UPDATE strategy_plannedactivity",  # p5's activities keep no owner
        "UPDATE strategy_strategyplan",  # the draft's version goes up
    ]
    assert plan_document(organization=organization) == plan_file() | {
        key: changed[key] for key in ("channels", "staff", "assignments", "activities")
    }
    assert dict(Channel.objects.values_list("key", "id")) == ids_before["channel"]
    assert set(PlannedActivity.objects.values_list("id", flat=True)) == ids_before["activity"] - {
        removed.id
    }
    assert not StaffMember.objects.filter(key="p5").exists()
    assert not Assignment.objects.filter(staff__key="p5").exists()
    plan.refresh_from_db()
    assert plan.version == 2


def test_a_new_revision_of_an_approved_plan_is_written_in_bulk():
    document = plan_file(channels=50, scale=5)
    first = plan_import(document=copy.deepcopy(document)).plan
    StrategyPlan.objects.filter(pk=first.pk).update(status="approved")
    document["plan"]["title"] = "Revised"

    with CaptureQueriesContext(connection) as captured:
        result = plan_import(document=copy.deepcopy(document))

    assert result.new_revision and result.plan.revision == 2
    assert result.plan.activities.count() == 200 and result.plan.links.count() == 50
    queries = [query["sql"] for query in captured.captured_queries]
    assert len(queries) <= 30
    writes = _writes(queries)
    # One plan, its activities and links in a few batches; nothing of the organization's.
    assert writes.count("INSERT strategy_strategyplan") == 1
    assert len(writes) <= 1 + 2 * 3, writes
    assert not [w for w in writes if "outreach_" in w], writes
