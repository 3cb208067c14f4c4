"""No two channels of an organization share a handle on a platform: the handle compared in
lower case, "@acme" as "acme", and an address without its scheme, "www." and trailing slash.
The channel services refuse it at the handle, naming the channel that has it, and write
nothing; the database refuses it too (a stored `handle_key`); channels that shared a handle
before the rule survive the migration."""

import importlib

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from outreach.models import ChangeRecord, Channel, normalized_handle
from outreach.services import channel_create, channel_update
from outreach.tests.factories import ChannelFactory, OrganizationFactory

handle_keys_fill = importlib.import_module(
    "outreach.migrations.0006_channel_handle_key"
).handle_keys_fill


@pytest.mark.parametrize(
    "handle,key",
    [
        ("@acme", "acme"),
        ("@Acme", "acme"),
        ("acme", "acme"),
        ("  @ACME ", "acme"),
        ("@user@mastodon.social", "user@mastodon.social"),
        ("https://www.facebook.com/Acme/", "facebook.com/acme"),
        ("http://facebook.com/acme", "facebook.com/acme"),
        ("facebook.com/acme//", "facebook.com/acme"),
        ("www.facebook.com/acme", "facebook.com/acme"),
        ("https://mastodon.social/@Acme", "mastodon.social/@acme"),
        ("", ""),
        ("@", ""),
        ("https://", ""),
    ],
)
def test_a_handle_is_compared_in_one_normal_form(handle, key):
    assert normalized_handle(handle) == key


TAKEN = "Acme on X already uses @acme on X / Twitter."


def stored(organization):
    """Every channel and history entry of the organization, to show that nothing was written."""
    return (
        list(Channel.objects.filter(organization=organization).order_by("id").values()),
        list(ChangeRecord.objects.filter(organization=organization).order_by("id").values()),
    )


def create(organization, *, key="other", platform="twitter", name="New channel", **fields):
    return channel_create(
        organization=organization, actor=None, key=key, platform=platform, name=name, **fields
    )


@pytest.fixture
def acme_on_x(organization):
    return ChannelFactory(organization=organization, key="tw", name="Acme on X", handle="@acme")


@pytest.fixture
def acme_page(organization):
    return ChannelFactory(
        organization=organization,
        key="fb",
        name="Acme page",
        platform="facebook",
        handle="https://www.facebook.com/acme/",
    )


@pytest.mark.django_db
@pytest.mark.parametrize("handle", ["@acme", "@ACME", "@Acme", "acme", " Acme "])
def test_a_new_channel_with_a_handle_taken_on_the_platform_is_refused(
    organization, acme_on_x, handle
):
    before = stored(organization)
    with pytest.raises(ValidationError) as refused:
        create(organization, handle=handle)
    assert refused.value.message_dict == {"handle": [TAKEN]}
    assert stored(organization) == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "handle",
    [
        "https://www.facebook.com/acme/",
        "https://www.facebook.com/acme",
        "http://www.facebook.com/acme/",
        "https://facebook.com/acme",
        "http://facebook.com/Acme",
        "facebook.com/acme/",
        "www.facebook.com/ACME",
    ],
)
def test_a_page_address_differing_in_scheme_www_case_or_slash_is_the_same_page(
    organization, acme_page, handle
):
    before = stored(organization)
    with pytest.raises(ValidationError) as refused:
        create(organization, platform="facebook", presence="presence", handle=handle)
    assert refused.value.message_dict == {
        "handle": ["Acme page already uses https://www.facebook.com/acme/ on Facebook page."]
    }
    assert stored(organization) == before


@pytest.mark.django_db
@pytest.mark.parametrize("handle", ["@ACME", "acme"])
def test_changing_a_handle_to_one_taken_is_refused(organization, acme_on_x, handle):
    other = ChannelFactory(organization=organization, key="tw2", name="News", handle="@news")
    before = stored(organization)
    with pytest.raises(ValidationError) as refused:
        channel_update(channel=other, actor=None, data={"handle": handle, "name": "Renamed"})
    assert refused.value.message_dict == {"handle": [TAKEN]}
    assert stored(organization) == before


@pytest.mark.django_db
def test_moving_a_channel_to_a_platform_where_its_handle_is_taken_is_refused(
    organization, acme_on_x
):
    toot = ChannelFactory(organization=organization, key="md", platform="mastodon", handle="@acme")
    before = stored(organization)
    with pytest.raises(ValidationError) as refused:
        channel_update(channel=toot, actor=None, data={"platform": "twitter"})
    assert refused.value.message_dict == {"handle": [TAKEN]}
    assert stored(organization) == before


@pytest.mark.django_db
def test_every_problem_is_said_at_once(organization, acme_on_x):
    with pytest.raises(ValidationError) as refused:
        create(organization, key="tw", handle="@Acme")
    assert refused.value.message_dict == {
        "key": ["Another channel of Acme Learning already has the key 'tw'."],
        "handle": [TAKEN],
    }


@pytest.mark.django_db
def test_the_same_handle_on_another_platform_is_allowed(organization, acme_on_x):
    channel = create(organization, platform="mastodon", handle="@acme")
    assert channel.handle_key == "acme" and Channel.objects.count() == 2


@pytest.mark.django_db
def test_the_same_handle_in_another_organization_is_allowed(organization, acme_on_x):
    rival = OrganizationFactory(name="Rival Org", slug="rival")
    channel = create(rival, key="tw", handle="@acme")
    assert channel.handle_key == "acme" and Channel.objects.count() == 2


@pytest.mark.django_db
def test_channels_without_a_handle_are_never_duplicates(organization):
    create(organization, key="a", handle="")
    create(organization, key="b", handle="")
    assert list(Channel.objects.values_list("handle_key", flat=True)) == ["", ""]


@pytest.mark.django_db
def test_a_channel_keeps_its_own_handle_in_another_case(organization, acme_on_x):
    assert channel_update(channel=acme_on_x, actor=None, data={"handle": "@Acme"}) == ["handle"]
    acme_on_x.refresh_from_db()
    assert (acme_on_x.handle, acme_on_x.handle_key) == ("@Acme", "acme")


@pytest.mark.django_db
def test_the_stored_key_follows_the_handle(organization):
    channel = create(organization, key="tw", handle="@Acme")
    channel.refresh_from_db()
    assert channel.handle_key == "acme"
    channel_update(channel=channel, actor=None, data={"handle": "@acme_news"})
    channel.refresh_from_db()
    assert channel.handle_key == "acme_news"
    # Once moved away, the old handle is free again.
    assert create(organization, key="tw2", handle="@acme").handle_key == "acme"


@pytest.mark.django_db
def test_the_database_refuses_a_duplicate_handle_key(organization, acme_on_x):
    with pytest.raises(IntegrityError), transaction.atomic():
        ChannelFactory(organization=organization, key="tw2", handle="@ACME")


@pytest.mark.django_db
def test_the_page_says_it_at_the_handle_and_keeps_the_input(comms_client, organization, acme_on_x):
    data = {
        "key": "tw2",
        "platform": "twitter",
        "name": "Second X account",
        "handle": "@ACME",
        "identity": "Acme",
        "objective": "thought_leadership",
        "audience": "",
        "presence": "",
        "follows": "",
        "response_target_hours": "",
    }
    before = stored(organization)
    response = comms_client.post(reverse("outreach:channel_add", args=["acme"]), data)
    assert response.status_code == 200
    html = response.content.decode()
    errors = html.split('id="id_handle_errors">')[1].split("</ul>")[0]
    assert TAKEN in errors
    assert 'value="Second X account"' in html
    assert stored(organization) == before


# Channels that shared a handle before the rule


@pytest.mark.django_db
def test_the_migration_keys_the_oldest_of_channels_sharing_a_handle_and_leaves_the_rest(
    organization,
):
    """Decision (migration 0006): existing duplicates must not make the migration fail. The
    oldest channel gets the key; the later ones keep an empty key, outside the constraint."""
    rival = OrganizationFactory(name="Rival Org", slug="rival")
    rows = {
        "first": ChannelFactory(organization=organization, handle="@Acme", handle_key=""),
        "later": ChannelFactory(organization=organization, handle="acme", handle_key=""),
        "page": ChannelFactory(
            organization=organization,
            platform="facebook",
            handle="https://www.facebook.com/acme/",
            handle_key="",
        ),
        "page_later": ChannelFactory(
            organization=organization,
            platform="facebook",
            handle="facebook.com/acme",
            handle_key="",
        ),
        "mastodon": ChannelFactory(
            organization=organization, platform="mastodon", handle="@acme", handle_key=""
        ),
        "rival": ChannelFactory(organization=rival, handle="@acme", handle_key=""),
        "blank": ChannelFactory(organization=organization, handle="", handle_key=""),
    }
    handle_keys_fill(apps, None)
    keys = dict(Channel.objects.values_list("pk", "handle_key"))
    assert {name: keys[channel.pk] for name, channel in rows.items()} == {
        "first": "acme",
        "later": "",
        "page": "facebook.com/acme",
        "page_later": "",
        "mastodon": "acme",
        "rival": "acme",
        "blank": "",
    }


@pytest.mark.django_db
def test_a_channel_sharing_a_handle_from_before_can_be_edited_but_not_keep_a_taken_handle(
    organization, acme_on_x
):
    later = ChannelFactory(organization=organization, key="tw2", handle="@ACME", handle_key="")
    assert channel_update(channel=later, actor=None, data={"name": "Old account"}) == ["name"]
    later.refresh_from_db()
    assert (later.name, later.handle_key) == ("Old account", "")
    with pytest.raises(ValidationError) as refused:
        channel_update(channel=later, actor=None, data={"handle": "@acme"})
    assert refused.value.message_dict == {"handle": [TAKEN]}
    channel_update(channel=later, actor=None, data={"handle": "@acme_old"})
    later.refresh_from_db()
    assert later.handle_key == "acme_old"


@pytest.mark.django_db(transaction=True)
def test_the_migrations_run_over_channels_that_share_a_handle():
    """Forward from before the field, with duplicates in the table: no failure."""
    executor = MigrationExecutor(connection)
    before, after = [("outreach", "0005_loginsession")], executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = MigrationExecutor(connection).loader.project_state(before).apps
        organization = old.get_model("outreach", "Organization").objects.create(
            name="Acme", slug="acme-old"
        )
        OldChannel = old.get_model("outreach", "Channel")
        for key, handle in [("a", "@acme"), ("b", "@ACME"), ("c", "")]:
            OldChannel.objects.create(
                organization=organization, key=key, platform="twitter", name=key, handle=handle
            )
    finally:
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(after)
    assert dict(Channel.objects.values_list("key", "handle_key")) == {"a": "acme", "b": "", "c": ""}


def test_the_admin_refuses_a_duplicate_handle_at_the_field(admin_client, organization, acme_on_x):
    """The admin's form says it at the handle, as the app does, instead of a database error."""
    before = stored(organization)
    response = admin_client.post(
        reverse("admin:outreach_channel_add"),
        {
            "organization": organization.pk,
            "key": "copy",
            "name": "Copy of Acme",
            "platform": "twitter",
            "handle": "@ACME",
            "objective": "awareness",
            "assignments-TOTAL_FORMS": "0",
            "assignments-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["handle"] == [
        "Acme on X already uses @acme on X / Twitter."
    ]
    assert stored(organization) == before
