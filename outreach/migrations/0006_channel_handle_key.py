"""A channel's handle as compared for duplicates (`handle_key`), filled for the channels there
are; migration 0007 then has the database refuse a second channel with the handle.

Decision: channels that already share a handle on a platform in an organization are kept as
they are, and the migration does not fail on them. The oldest (lowest id) gets the key; each
later one keeps an empty key, which the constraint does not cover. Nothing is renamed or
removed behind anyone's back: the channel services refuse such a channel's handle (naming the
one that has it) as soon as its handle or platform is changed, and leave its other edits alone.
"""

from django.db import migrations, models

# The rule itself, not a copy: filling the keys with another rule than the services check with
# would let the constraint disagree with them. A change of the rule needs a migration of its
# own that fills the keys again.
from outreach.models import normalized_handle


def handle_keys_fill(apps, schema_editor):
    Channel = apps.get_model("outreach", "Channel")
    taken = set()
    filled = []
    for channel in (
        Channel.objects.exclude(handle="")
        .order_by("id")
        .only("id", "organization_id", "platform", "handle")
    ):
        key = normalized_handle(channel.handle)
        scope = (channel.organization_id, channel.platform, key)
        if not key or scope in taken:
            continue  # a later duplicate: left empty (see above)
        taken.add(scope)
        channel.handle_key = key
        filled.append(channel)
    Channel.objects.bulk_update(filled, ["handle_key"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0005_loginsession"),
    ]

    operations = [
        migrations.AddField(
            model_name="channel",
            name="handle_key",
            field=models.CharField(blank=True, editable=False, max_length=200),
        ),
        migrations.RunPython(handle_keys_fill, migrations.RunPython.noop, elidable=True),
    ]
