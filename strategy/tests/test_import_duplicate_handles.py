"""A plan file's channels follow the rule of the channel services: no two of an organization
share a handle on a platform (outreach/tests/test_duplicate_channels.py)."""

import pytest

from outreach.models import Channel
from strategy.planfile import PlanFileError
from strategy.services import plan_import
from strategy.tests.test_planfile import example_document
from strategy.tests.test_services import _snapshot

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("existing", [False, True])
def test_a_plan_file_with_two_channels_sharing_a_handle_is_refused_and_writes_nothing(existing):
    if existing:
        plan_import(document=example_document())
    before = _snapshot()
    document = example_document()
    document["channels"].append(
        dict(document["channels"][0], key="tw2", name="Second X account", handle="@ACME")
    )
    with pytest.raises(PlanFileError) as refused:
        plan_import(document=document)
    assert [error.split(":")[0] for error in refused.value.errors] == ["channels[2]"]
    assert "repeats channels[0]" in refused.value.errors[0]
    assert _snapshot() == before


def test_imported_channels_get_their_handle_key():
    plan_import(document=example_document())
    assert dict(Channel.objects.values_list("key", "handle_key")) == {
        "tw": "acme",
        "fb": "facebook.com/acme",
    }


def test_a_plan_file_may_move_a_handle_from_a_stored_channel_to_a_new_one():
    plan_import(document=example_document())
    document = example_document()
    document["channels"].append(dict(document["channels"][0], key="tw2", name="Second"))
    document["channels"][0]["handle"] = "@acme_news"
    plan_import(document=document)
    assert dict(Channel.objects.filter(platform="twitter").values_list("key", "handle_key")) == {
        "tw": "acme_news",
        "tw2": "acme",
    }


def test_two_stored_channels_swapping_handles_is_refused_by_place_not_a_500():
    document = example_document()
    document["channels"].append(
        dict(document["channels"][0], key="tw2", name="Second", handle="@acme_news")
    )
    plan_import(document=document)
    before = _snapshot()
    document["channels"][0]["handle"], document["channels"][2]["handle"] = "@acme_news", "@acme"
    try:
        plan_import(document=document)
    except PlanFileError as refused:  # PostgreSQL checks the unique index row by row
        assert refused.errors[0].startswith("channels: two channels trade the same handle")
        assert _snapshot() == before
    else:  # SQLite checks it at the end of the statement: the swap is written whole
        handles = dict(Channel.objects.filter(platform="twitter").values_list("key", "handle"))
        assert handles == {"tw": "@acme_news", "tw2": "@acme"}
