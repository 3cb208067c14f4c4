"""The weekly fan-out audits organizations in batches: one claim and one load for a batch, each
run stored in its own transaction, safe to run twice."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.models import AuditRun, ChannelScore
from audits.rubric import audit_plan
from audits.runs.selectors import plan_snapshot_load
from audits.runs.tasks import audit_all_organizations, audit_organizations
from audits.tests.plans import plan_with_channels
from outreach.tests.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


def organizations_with_plans(n):
    organizations = [OrganizationFactory() for _ in range(n)]
    for i, organization in enumerate(organizations):
        plan_with_channels(organization, 2 + i % 3)
    return organizations


def test_fan_out_in_batches_audits_everyone_once_with_the_same_results(
    settings, django_capture_on_commit_callbacks
):
    settings.AUDIT_BATCH_SIZE = 2
    organizations = organizations_with_plans(5)
    AuditRun.objects.create(organization=organizations[0], number=1, status="done")
    audit_all_organizations.apply(task_id="weekly-1")  # in-process: 3 batch tasks
    runs = AuditRun.objects.filter(trigger="schedule")
    assert runs.count() == 5 and set(runs.values_list("status", flat=True)) == {"done"}
    assert runs.get(organization=organizations[0]).number == 2  # numbered after the earlier one
    for run in runs:
        expected = audit_plan(plan_snapshot_load(organization=run.organization).snapshot)
        assert run.score == expected.score
        assert run.scores.count() == len(expected.channels)
        assert run.findings.count() == len(expected.findings)


def test_a_batch_delivered_twice_adds_nothing():
    organizations = organizations_with_plans(3)
    ids = [o.pk for o in organizations]
    audit_organizations.apply(args=(ids,), kwargs={"fanout_id": "f1"})
    scores = ChannelScore.objects.count()
    audit_organizations.apply(args=(ids,), kwargs={"fanout_id": "f1"})
    assert AuditRun.objects.count() == 3 and ChannelScore.objects.count() == scores
    assert set(AuditRun.objects.values_list("attempts", flat=True)) == {1}


def test_a_batch_costs_a_few_statements_per_organization():
    """Claim and load once per batch; per organization only its own transaction of results."""

    def statements(n):
        organizations = organizations_with_plans(n)
        with CaptureQueriesContext(connection) as queries:
            audit_organizations.apply(
                args=([o.pk for o in organizations],), kwargs={"fanout_id": n}
            )
        return len(queries)

    few, many = statements(2), statements(12)
    per_organization = (many - few) / 10
    print(
        f"\nbatch of 2: {few} statements, of 12: {many} ({per_organization:.1f} per organization)"
    )
    assert per_organization <= 6  # savepoint/lock, insert scores, insert findings, update run


def test_one_failing_organization_does_not_stop_the_batch(monkeypatch):
    organizations = organizations_with_plans(3)
    from audits.runs import services

    real = services.audit_plan

    def audit_plan_failing_for_the_second(snapshot):
        if snapshot.organization == organizations[1].slug:
            raise ValueError("a rule crashed")
        return real(snapshot)

    monkeypatch.setattr(services, "audit_plan", audit_plan_failing_for_the_second)
    audit_organizations.apply(args=([o.pk for o in organizations],), kwargs={"fanout_id": "f"})
    statuses = dict(AuditRun.objects.values_list("organization_id", "status"))
    assert statuses == {
        organizations[0].pk: "done",
        organizations[1].pk: "failed",
        organizations[2].pk: "done",
    }
    assert "a rule crashed" in AuditRun.objects.get(organization=organizations[1]).error
