"""What each channel actually published per month: counts, and None where a format cannot tell."""

from pathlib import Path

import pytest

from audits.evidence.selectors import actual_activity, evidence_overview
from audits.evidence.services import evidence_import_create, evidence_import_execute
from outreach.tests.factories import ChannelFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


def import_sample(organization, name, channel=None):
    content = (SAMPLES / name).read_bytes()
    evidence = evidence_import_create(
        organization=organization,
        file_name=name,
        size=len(content),
        content=content,
        channel=channel,
    )
    evidence = evidence_import_execute(import_id=evidence.pk)
    assert evidence.status == "done", evidence.error
    return evidence


@pytest.fixture
def organization():
    organization = OrganizationFactory(slug="acme")
    ChannelFactory(
        organization=organization, key="ma", platform="mastodon", handle="@acme@social.example"
    )
    ChannelFactory(organization=organization, key="tw", platform="twitter", handle="@acme_org")
    return organization


def test_a_mastodon_outbox_counts_every_kind_it_shows(organization):
    """Mastodon shows replies, boosts, links, media and polls: every count is a number."""
    import_sample(organization, "mastodon_outbox.json")
    (channel,) = actual_activity(organization=organization)["channels"]
    assert channel == {
        "key": "ma",
        "months": {
            "2024-03": {
                "items": 7,
                "originals": 3,
                "replies": 2,
                "reshares": 1,
                "with_link": 1,
                "with_media": 1,
                "polls": 1,
            }
        },
    }


def test_what_the_legacy_x_analytics_csv_cannot_show_is_null_not_zero(organization):
    """The tweet activity CSV leaves retweets out and gives only t.co links: re-shares, links,
    media and polls are unknown (None), while originals and replies are counted."""
    import_sample(organization, "tweet_activity_metrics_acme_org_20180101_20180201_en.csv")
    (channel,) = actual_activity(organization=organization)["channels"]
    assert channel["months"] == {
        "2018-01": {
            "items": 4,
            "originals": 3,
            "replies": 1,
            "reshares": None,
            "with_link": None,
            "with_media": None,
            "polls": None,
        }
    }


def test_months_are_calendar_months_in_utc_and_channels_are_listed_apart(organization):
    import_sample(organization, "mastodon_outbox.json")
    import_sample(organization, "tweet_activity_metrics_acme_org_20180101_20180201_en.csv")
    activity = actual_activity(organization=organization)
    assert activity["organization"] == "acme"
    assert {c["key"]: list(c["months"]) for c in activity["channels"]} == {
        "ma": ["2024-03"],
        "tw": ["2018-01"],
    }


def test_the_overview_lists_every_channel_with_its_posts_and_period(organization):
    import_sample(organization, "mastodon_outbox.json")
    overview = {item.channel.key: item for item in evidence_overview(organization=organization)}
    assert (overview["ma"].posts, overview["tw"].posts) == (7, 0)
    assert overview["ma"].first_at.isoformat() == "2024-03-01T09:00:00+00:00"
    assert [e.file_name for e in overview["ma"].imports] == ["mastodon_outbox.json"]
