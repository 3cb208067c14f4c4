"""The database refuses a second channel with a handle on a platform of an organization, as
the channel services do (the keys were filled by 0006). A migration of its own: on PostgreSQL
the index is not built in the transaction that wrote the keys."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0006_channel_handle_key"),
    ]

    operations = [
        migrations.AddConstraint(
            model_name="channel",
            constraint=models.UniqueConstraint(
                condition=models.Q(("handle_key", ""), _negated=True),
                fields=("organization", "platform", "handle_key"),
                name="channel_handle_unique_per_platform",
            ),
        ),
    ]
