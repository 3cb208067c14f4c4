"""Approved revisions keep their owners' names: fill the name for the activities of the
revisions approved before the field existed (their owners still there; those already removed
are lost). Drafts, submitted and returned plans get their names when they are approved."""

from django.db import migrations
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce


def owner_names_fill(apps, schema_editor):
    PlannedActivity = apps.get_model("strategy", "PlannedActivity")
    StaffMember = apps.get_model("outreach", "StaffMember")
    PlannedActivity.objects.filter(plan__status="approved", owner__isnull=False).update(
        owner_name=Coalesce(
            Subquery(StaffMember.objects.filter(pk=OuterRef("owner_id")).values("name")[:1]),
            Value(""),
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outreach", "0001_initial"),
        ("strategy", "0002_plannedactivity_owner_name"),
    ]

    operations = [
        migrations.RunPython(owner_names_fill, migrations.RunPython.noop, elidable=True),
    ]
