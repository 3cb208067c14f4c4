"""import_posts and actual_activity on the command line."""

import json
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from audits.evidence.models import Post
from outreach.tests.factories import ChannelFactory, OrganizationFactory

pytestmark = pytest.mark.django_db
SAMPLES = Path(__file__).parent / "samples"


@pytest.fixture
def organization():
    organization = OrganizationFactory(slug="acme")
    ChannelFactory(
        organization=organization, key="ma", platform="mastodon", handle="@acme@social.example"
    )
    ChannelFactory(organization=organization, key="fb", platform="facebook", handle="")
    return organization


def test_import_posts_reads_each_file_and_says_what_it_added(organization, capsys):
    call_command("import_posts", "acme", str(SAMPLES / "mastodon_outbox.json"))
    call_command("import_posts", "acme", str(SAMPLES / "mastodon_outbox.json"))
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "mastodon_outbox.json: 7 posts added, 0 already known (7 read).",
        "mastodon_outbox.json: 0 posts added, 7 already known (7 read).",
    ]
    assert Post.objects.count() == 7


def test_import_posts_fails_and_names_the_refused_file(organization, tmp_path, capsys):
    broken = tmp_path / "outbox.json"
    broken.write_bytes((SAMPLES / "mastodon_outbox.json").read_bytes()[:900])
    with pytest.raises(CommandError, match="1 of 1 files refused"):
        call_command("import_posts", "acme", str(broken))
    assert capsys.readouterr().err.startswith("outbox.json: refused. outbox.json: line")
    assert not Post.objects.exists()


def test_a_tools_csv_imports_with_its_columns_named(organization, tmp_path, capsys):
    export = tmp_path / "planner.csv"
    export.write_text("When,What\n2024-01-05 16:05,Hello there\n", encoding="utf-8")
    call_command(
        "import_posts", "acme", "--channel", "fb", "--columns", "date=When,text=What", str(export)
    )
    assert list(Post.objects.values_list("channel__key", "text")) == [("fb", "Hello there")]


def test_actual_activity_prints_the_documented_json(organization, capsys):
    call_command("import_posts", "acme", str(SAMPLES / "mastodon_outbox.json"))
    capsys.readouterr()
    call_command("actual_activity", "acme", "--json")
    document = json.loads(capsys.readouterr().out)
    assert document["organization"] == "acme"
    assert document["channels"][0]["key"] == "ma"
    assert set(document["channels"][0]["months"]["2024-03"]) == {
        "items",
        "originals",
        "replies",
        "reshares",
        "with_link",
        "with_media",
        "polls",
    }


def test_unknown_organization_is_an_error():
    with pytest.raises(CommandError, match="No organization 'nope'"):
        call_command("actual_activity", "nope", "--json")
