"""Writes of the audits app: requesting an audit run and carrying it out.

A run moves queued -> running -> done (or failed). Its scores and findings are written in one
transaction together with the "done" status, so a run is either complete or has no results;
running it again once it is done changes nothing.
"""

import logging
from datetime import datetime

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import InterfaceError, OperationalError, transaction
from django.db.models import F, Max, Q
from django.utils import timezone

from outreach.bulk import rows_insert
from outreach.models import Organization

from ..rubric import CRITERIA, AuditResult, audit_plan
from ..rubric.digest import plan_digest
from ..rubric.result import plain_number
from .models import AuditRun, ChannelScore, Finding
from .selectors import LoadedPlan, plan_snapshot_load, plan_snapshots_load

logger = logging.getLogger(__name__)

# The database was briefly away: the task is retried, not the run failed.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)

# A worker that dies during a run (a redelivery finds it still "running") is forgiven twice; the
# third time the run is failed, so a run that kills its worker is not tried for ever.
MAX_INTERRUPTIONS = 3
# How often the sweeper puts a run that is stuck back on the queue before it fails it.
MAX_SWEEPS = 2
INTERRUPTED_REASON = (
    "The worker stopped during this audit {times} times (killed or out of memory), so it was not "
    "tried again. Start it again; if it stops the same way, whoever runs the planner should look "
    "at the worker's log."
)
STUCK_QUEUED_REASON = (
    "No worker took this audit within {minutes} minutes, {times} times over. The audit workers "
    "may be stopped: start it again once they run."
)
STUCK_RUNNING_REASON = (
    "This audit was still running after {minutes} minutes, {times} times over: its worker "
    "stopped without finishing it. Start it again; if it happens again, whoever runs the planner "
    "should look at the worker's log."
)
SLOW_REASON = "The audit took longer than the time allowed ({seconds} s) and was stopped."


def audit_run_create(
    *,
    organization: Organization,
    trigger: str = AuditRun.Trigger.MANUAL,
    started_by=None,
    request_key: str | None = None,
) -> tuple[AuditRun, bool]:
    """A queued run, numbered next among its organization's runs; with a `request_key`, the
    run already made for that request if any.

    The organization's row is locked first, so two runs created at once for one organization
    take turns: the second reads the highest number (and looks for its request) only after the
    first has committed, and neither number nor request is taken twice.
    """
    with transaction.atomic():
        Organization.objects.select_for_update().filter(pk=organization.pk).exists()
        if request_key:
            existing = AuditRun.objects.filter(request_key=request_key).first()
            if existing is not None:
                return existing, False
        highest = AuditRun.objects.filter(organization=organization).aggregate(
            highest=Max("number")
        )["highest"]
        run = AuditRun(
            organization=organization,
            number=(highest or 0) + 1,
            trigger=trigger,
            started_by=started_by,
            request_key=request_key or None,
        )
        run.full_clean()
        run.save()
        return run, True


def _mark_running(run_id: int) -> AuditRun | None:
    """Claim the run; None when there is nothing to do (see `_claim_runs`)."""
    return _claim_runs([run_id]).get(run_id)


def _claim_runs(run_ids: list[int]) -> dict[int, AuditRun]:
    """Claim the runs, in one transaction, by id; a run is left out when there is nothing to do:
    it is done (a repeated task), or its workers died during it too often (a run that kills its
    worker is not tried for ever)."""
    now = timezone.now()
    claimed = {}
    with transaction.atomic():
        runs = (
            AuditRun.objects.select_for_update(of=("self",))
            .select_related("organization")
            .filter(pk__in=run_ids)
            .exclude(status=AuditRun.Status.DONE)
            .order_by("pk")
        )
        for run in runs:
            if run.status == AuditRun.Status.RUNNING:
                # Every failure is recorded on the run, so a run still "running" when claimed
                # again lost its worker (killed, out of memory) and the broker redelivered it.
                run.interruptions += 1
                if run.interruptions >= MAX_INTERRUPTIONS:
                    run.status = AuditRun.Status.FAILED
                    run.error = INTERRUPTED_REASON.format(times=run.interruptions)
                    run.finished_at = now
                    run.save(update_fields=["status", "error", "finished_at", "interruptions"])
                    continue
                run.save(update_fields=["interruptions"])
            run.status, run.started_at, run.error = AuditRun.Status.RUNNING, now, ""
            run.attempts += 1
            claimed[run.pk] = run
        # One statement for the batch (a redelivered run's interruption was saved above).
        AuditRun.objects.filter(pk__in=list(claimed)).update(
            status=AuditRun.Status.RUNNING, started_at=now, error="", attempts=F("attempts") + 1
        )
    return claimed


def _store_results(run_id: int, loaded: LoadedPlan, result: AuditResult) -> AuditRun:
    with transaction.atomic():
        run = AuditRun.objects.select_for_update().get(pk=run_id)
        if run.status == AuditRun.Status.DONE:
            return run  # another attempt finished first: keep its results, write nothing
        # No leftovers to clear: an attempt's rows are written in this transaction with "done",
        # so one that failed midway left none, and a done run is never stored again.
        # Plain rows, not model instances: storing was most of an audit's time (outreach.bulk).
        rows_insert(
            ChannelScore,
            [
                {
                    "run_id": run.pk,
                    "channel_id": loaded.channel_ids[c.key],
                    "channel_key": c.key,
                    "channel_label": c.label,
                    "platform": c.platform,
                    "verdict": c.verdict,
                    **{field: c.scores[field] for field in (*CRITERIA, "overall")},
                }
                for c in result.channels
            ],
        )
        rows_insert(
            Finding,
            [
                {
                    "run_id": run.pk,
                    "channel_id": loaded.channel_ids[f.channel] if f.channel else None,
                    "channel_key": f.channel or "",
                    "code": f.code,
                    "criterion": f.criterion,
                    "points": f.points,
                    "severity": f.severity,
                    "message": f.message,
                    "recommendation": f.recommendation,
                    "affects": dict(f.affects),
                    "charges": [charge.to_dict() for charge in f.charges],
                    "side": f.side,
                }
                for f in result.findings
            ],
        )
        run.status = AuditRun.Status.DONE
        run.score = result.score
        run.thresholds = {k: plain_number(v) for k, v in result.thresholds.items()}
        run.digest = plan_digest(loaded.snapshot)
        run.plan = loaded.plan
        run.plan_revision = loaded.plan.revision if loaded.plan else None
        run.plan_version = loaded.plan.version if loaded.plan else None
        run.finished_at = timezone.now()
        run.save()
        return run


def audit_run_fail(*, run_id: int, error: BaseException | str) -> None:
    """Record why a run failed (unless another attempt has completed it meanwhile)."""
    if isinstance(error, SoftTimeLimitExceeded):
        reason = SLOW_REASON.format(seconds=settings.CELERY_TASK_SOFT_TIME_LIMIT)
    elif isinstance(error, str):
        reason = error
    else:
        reason = f"{type(error).__name__}: {error}"
    AuditRun.objects.filter(pk=run_id).exclude(status=AuditRun.Status.DONE).update(
        status=AuditRun.Status.FAILED, error=reason[:2000], finished_at=timezone.now()
    )


def audit_run_execute(*, run_id: int) -> AuditRun:
    """Audit the organization's current plan and store the results; safe to call twice."""
    run = _mark_running(run_id)
    if run is None:
        return AuditRun.objects.get(pk=run_id)
    try:
        loaded = plan_snapshot_load(organization=run.organization)
        result = audit_plan(loaded.snapshot)
        return _store_results(run_id, loaded, result)
    except BaseException as error:
        logger.exception("Audit run %s failed", run_id)
        audit_run_fail(run_id=run_id, error=error)
        raise


def audit_runs_create(
    *, organizations: list[Organization], trigger: str, request_keys: dict[int, str]
) -> list[AuditRun]:
    """Queued runs for many organizations at once (a worker's batch), in their order, each
    numbered next among its organization's runs; a request key already used gives back its run.
    As `audit_run_create`, with a handful of statements for the whole batch."""
    ids = [o.pk for o in organizations]
    with transaction.atomic():
        # The organizations' rows in id order: two batches (or a batch and a person's request)
        # take turns per organization without deadlocking.
        list(Organization.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
        existing = {
            run.request_key: run
            for run in AuditRun.objects.filter(request_key__in=list(request_keys.values()))
        }
        highest = dict(
            AuditRun.objects.filter(organization_id__in=ids)
            .values("organization_id")
            .annotate(highest=Max("number"))
            .values_list("organization_id", "highest")
        )
        new = [
            AuditRun(
                organization=o,
                number=(highest.get(o.pk) or 0) + 1,
                trigger=trigger,
                request_key=request_keys[o.pk],
            )
            for o in organizations
            if request_keys[o.pk] not in existing
        ]
        AuditRun.objects.bulk_create(new)
    made = {run.request_key: run for run in new}
    return [existing.get(request_keys[o.pk]) or made[request_keys[o.pk]] for o in organizations]


def audit_runs_execute(*, run_ids: list[int]) -> list[AuditRun]:
    """Audit many runs' organizations (a worker's batch): one claim and one load for all, then
    each run's results stored in its own transaction. A run that fails is recorded as failed and
    the others go on; a passing database or broker error stops the batch to be retried (runs
    already done are skipped then). Safe to call twice."""
    claimed = _claim_runs(run_ids)
    loaded = plan_snapshots_load(organizations=[run.organization for run in claimed.values()])
    stored = []
    for run in claimed.values():
        plan = loaded[run.organization_id]
        try:
            stored.append(_store_results(run.pk, plan, audit_plan(plan.snapshot)))
        except TRANSIENT_DB_ERRORS:
            raise
        except Exception as error:
            logger.exception("Audit run %s failed", run.pk)
            audit_run_fail(run_id=run.pk, error=error)
    return stored


def audit_run_now(
    *, organization: Organization, trigger: str = AuditRun.Trigger.COMMAND, started_by=None
) -> AuditRun:
    """Create and carry out a run in this process (the command line, the demo)."""
    run, _ = audit_run_create(organization=organization, trigger=trigger, started_by=started_by)
    return audit_run_execute(run_id=run.pk)


def stuck_runs_sweep(*, now: datetime | None = None) -> list[AuditRun]:
    """Runs left queued or running past their limits (settings.WORK_QUEUED_LIMIT and
    WORK_RUNNING_LIMIT): each is put back on the queue, up to MAX_SWEEPS times, else failed with
    the reason. Returns the runs to send to a worker again (the caller enqueues them).

    A run is "running" past its limit only when its worker died and the broker's redelivery did
    not bring it back either (the limit is past the visibility timeout), and "queued" past its
    limit when its task was lost (a broker restarted empty) or no worker is consuming.
    """
    now = now or timezone.now()
    queued_limit, running_limit = settings.WORK_QUEUED_LIMIT, settings.WORK_RUNNING_LIMIT
    stuck = AuditRun.objects.filter(
        Q(status=AuditRun.Status.QUEUED, queued_at__lt=now - queued_limit)
        | Q(status=AuditRun.Status.RUNNING, started_at__lt=now - running_limit)
    ).order_by("pk")
    requeued = []
    with transaction.atomic():
        # skip_locked: a run being stored right now is not stuck; the next sweep looks again.
        for run in stuck.select_for_update(skip_locked=True):
            if run.sweeps < MAX_SWEEPS:
                run.status, run.queued_at, run.sweeps = AuditRun.Status.QUEUED, now, run.sweeps + 1
                run.save(update_fields=["status", "queued_at", "sweeps"])
                requeued.append(run)
                continue
            was_queued = run.status == AuditRun.Status.QUEUED
            reason = STUCK_QUEUED_REASON if was_queued else STUCK_RUNNING_REASON
            limit = queued_limit if was_queued else running_limit
            run.status = AuditRun.Status.FAILED
            run.error = reason.format(
                minutes=round(limit.total_seconds() / 60), times=run.sweeps + 1
            )
            run.finished_at = now
            run.save(update_fields=["status", "error", "finished_at"])
    if requeued:
        logger.warning("Re-queued stuck audit runs %s", [run.pk for run in requeued])
    return requeued
