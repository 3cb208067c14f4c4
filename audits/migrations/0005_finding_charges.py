from django.db import migrations, models


def charge_each_finding_under_its_own_code(apps, schema_editor):
    """Findings stored before a finding could bear on several principles were charged under
    their one code, on their one criterion."""
    Finding = apps.get_model("audits", "Finding")
    batch = []
    for finding in Finding.objects.all().iterator(chunk_size=2000):
        finding.charges = [
            {
                "code": finding.code,
                "criterion": finding.criterion,
                "points": finding.points,
                "affects": finding.affects,
                "core": False,
            }
        ]
        batch.append(finding)
        if len(batch) >= 2000:
            Finding.objects.bulk_update(batch, ["charges"])
            batch = []
    Finding.objects.bulk_update(batch, ["charges"])


class Migration(migrations.Migration):
    dependencies = [
        ("audits", "0004_auditrun_number"),
    ]

    operations = [
        migrations.AddField(
            model_name="finding",
            name="charges",
            field=models.JSONField(default=list),
        ),
        migrations.RunPython(charge_each_finding_under_its_own_code, migrations.RunPython.noop),
    ]
