"""The digest stored with each run: the plan's figures as plain JSON."""

import json
from decimal import Decimal

from audits.rubric.digest import plan_digest
from audits.rubric.snapshot import (
    ActivityFacts,
    AssignmentFacts,
    ChannelFacts,
    LinkFacts,
    PlanSnapshot,
    StaffFacts,
)


def snapshot():
    return PlanSnapshot(
        organization="acme",
        channels=(
            ChannelFacts(key="tw", platform="twitter", name="Acme on X", handle="@acme"),
            ChannelFacts(key="fb", platform="facebook", name="Acme page", presence="presence"),
            ChannelFacts(key="old", platform="blog", name="Old blog", active=False),
        ),
        staff=(StaffFacts(key="ana", name="Ana Ruiz", capacity_hours=Decimal(3)),),
        assignments=(
            AssignmentFacts(
                staff="ana", channel="tw", hours_per_week=Decimal(4), duties=frozenset({"post"})
            ),
        ),
        activities=(
            ActivityFacts("tw", "point_to_own_work", Decimal(3), 10, links_to="fb"),
            ActivityFacts("tw", "reply", Decimal(1.5), 20),
            ActivityFacts("fb", "discussion", Decimal(1), 30),
        ),
        links=(LinkFacts("fb", "tw", "embed"), LinkFacts("fb", "old", "profile_link")),
    )


def test_digest_holds_active_channels_with_their_figures_and_unheld_duties():
    digest = plan_digest(snapshot())
    json.dumps(digest)  # plain JSON
    tw, fb = digest["channels"]
    assert [c["key"] for c in digest["channels"]] == ["tw", "fb"]
    assert tw["label"] == "Acme on X" and tw["family"] == "micro_blog"
    assert tw["points_to"] == {"fb": 3}
    assert tw["hours_needed"] == 1 and tw["hours_assigned"] == 4
    assert tw["interactive_share"] == round(1.5 / 4.5, 4)
    assert tw["duties_unheld"] == ["respond"]
    # Nobody on the page: answering people and moderating are still needed there.
    assert fb["duties_unheld"] == ["respond", "moderate"] and fb["people"] == []


def test_digest_keeps_links_between_active_channels_and_staff_loads():
    digest = plan_digest(snapshot())
    assert digest["links"] == [{"from": "fb", "to": "tw", "how": "embed"}]
    assert digest["staff"] == [
        {
            "key": "ana",
            "name": "Ana Ruiz",
            "capacity_hours": 3,
            "booked_hours": 4,
            "channels": ["tw"],
        }
    ]
