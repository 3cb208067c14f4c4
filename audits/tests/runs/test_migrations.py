"""The migration that numbers audit runs per organization numbers the runs already there."""

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Outreach pinned too: its later migrations add columns the old Organization model cannot fill.
BEFORE = [("audits", "0003_weekly_reports"), ("outreach", "0003_report_recipients")]
AFTER = [("audits", "0004_auditrun_number")]


@pytest.fixture
def migrator(transactional_db):
    """A migration executor; afterwards every migration is applied again, as other tests need."""
    yield MigrationExecutor(connection)
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


def test_existing_runs_are_numbered_in_creation_order_per_organization(migrator):
    executor = migrator
    executor.migrate(BEFORE)
    old_apps = executor.loader.project_state(BEFORE).apps
    Organization = old_apps.get_model("outreach", "Organization")
    AuditRun = old_apps.get_model("audits", "AuditRun")
    acme = Organization.objects.create(name="Acme", slug="acme")
    beta = Organization.objects.create(name="Beta", slug="beta")
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    # Ids deliberately out of creation order for Acme: the number follows created_at.
    created = [(acme, 3), (beta, 1), (acme, 1), (acme, 2), (beta, 2)]
    ids = {}
    for organization, day in created:
        run = AuditRun.objects.create(organization=organization)
        AuditRun.objects.filter(pk=run.pk).update(created_at=start + dt.timedelta(days=day))
        ids[(organization.slug, day)] = run.pk

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new_apps = executor.loader.project_state(AFTER).apps
    numbers = dict(new_apps.get_model("audits", "AuditRun").objects.values_list("pk", "number"))

    assert {key: numbers[pk] for key, pk in ids.items()} == {
        ("acme", 1): 1,
        ("acme", 2): 2,
        ("acme", 3): 3,
        ("beta", 1): 1,
        ("beta", 2): 2,
    }
