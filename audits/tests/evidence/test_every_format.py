"""Every format the planner reads, through the same import: each sample file imports, and
importing it again (an overlapping export) adds nothing; a file cut short is refused by place,
with nothing written."""

import csv
import io
from pathlib import Path

import openpyxl
import pytest

from audits.evidence.models import Post
from audits.evidence.services import evidence_import_create, evidence_import_execute
from outreach.tests.factories import ChannelFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"

# sample file -> (platform of the channel it is imported into, format code it is read as)
FILES = {
    "x_tweets.js": ("twitter", "x_archive"),
    "x_tweet_2021.js": ("twitter", "x_archive"),
    "tweet_activity_metrics_acme_org_20180101_20180201_en.csv": ("twitter", "x_tweet_activity"),
    "account_analytics_content_2024-10-01_2024-10-31.csv": ("twitter", "x_account_analytics"),
    "mastodon_outbox.json": ("mastodon", "mastodon_outbox"),
    "mastodon_statuses.json": ("mastodon", "mastodon_statuses"),
    "bluesky_author_feed.json": ("bluesky", "bluesky_author_feed"),
    "meta_facebook.csv": ("facebook", "meta_facebook"),
    "meta_instagram.csv": ("instagram", "meta_instagram"),
    "scheduler_x.csv": ("twitter", "generic_csv"),
}


# Where each CSV format keeps a post's date.
DATE_COLUMNS = ("time", "Publish time", "Date")


def linkedin_export() -> bytes:
    """A small LinkedIn page export: a note on the first row, the headers on the second."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "All posts"
    sheet.append(["All posts: 1 Jan 2024 - 31 Jan 2024"])
    sheet.append(["Post title", "Post link", "Post type", "Posted by", "Created date"])
    sheet.append(
        [
            "Our guide https://acme.example/guide",
            "https://www.linkedin.com/feed/update/urn:li:activity:7150000000000000001",
            "Organic",
            "Ana Ruiz",
            "01/15/2024",
        ]
    )
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def contents():
    yield from ((name, (SAMPLES / name).read_bytes(), *FILES[name]) for name in FILES)
    yield "posts.xlsx", linkedin_export(), "linkedin", "linkedin_xlsx"


def imported(channel, name, content):
    evidence = evidence_import_create(
        organization=channel.organization,
        file_name=name,
        size=len(content),
        content=content,
        channel=channel,
    )
    return evidence_import_execute(import_id=evidence.pk)


@pytest.mark.parametrize(
    "name,content,platform,code", list(contents()), ids=[c[0] for c in contents()]
)
def test_each_format_imports_once_however_often_its_file_comes(name, content, platform, code):
    channel = ChannelFactory(organization=OrganizationFactory(), platform=platform, handle="")
    first = imported(channel, name, content)
    assert (first.status, first.format) == ("done", code), first.error
    assert first.posts_added > 0
    again = imported(channel, name, content)
    assert (again.status, again.posts_added, again.posts_known) == ("done", 0, first.posts_added)
    assert Post.objects.count() == first.posts_added


@pytest.mark.parametrize(
    "name,content,platform,code",
    [c for c in contents() if c[0].endswith((".js", ".json"))],
    ids=[c[0] for c in contents() if c[0].endswith((".js", ".json"))],
)
def test_each_json_format_cut_short_is_refused_by_place(name, content, platform, code):
    channel = ChannelFactory(organization=OrganizationFactory(), platform=platform, handle="")
    evidence = imported(channel, name, content[: len(content) * 2 // 3])
    assert evidence.status == "failed"
    assert evidence.error.startswith(name) and "line" in evidence.error
    assert not Post.objects.exists()


@pytest.mark.parametrize(
    "name,content,platform,code",
    [c for c in contents() if c[0].endswith(".csv")],
    ids=[c[0] for c in contents() if c[0].endswith(".csv")],
)
def test_each_csv_format_with_a_broken_date_is_refused_by_row_and_column(
    name, content, platform, code
):
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    column = next(c for c in DATE_COLUMNS if c in rows[0])
    rows[1][rows[0].index(column)] = "31/31/2024 99:99"
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    broken = out.getvalue().encode()
    channel = ChannelFactory(organization=OrganizationFactory(), platform=platform, handle="")
    evidence = imported(channel, name, broken)
    assert evidence.status == "failed"
    assert evidence.error.startswith(name)
    assert f'row 2, column "{column}"' in evidence.error
    assert not Post.objects.exists()
