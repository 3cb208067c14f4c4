"""Writes of the audits app: requesting an audit run and carrying it out.

A run moves queued -> running -> done (or failed). Its scores and findings are written in one
transaction together with the "done" status, so a run is either complete or has no results;
running it again once it is done changes nothing.
"""

import logging

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from outreach.models import Organization

from ..rubric import CRITERIA, AuditResult, audit_plan
from ..rubric.digest import plan_digest
from .models import AuditRun, ChannelScore, Finding
from .selectors import LoadedPlan, plan_snapshot_load

logger = logging.getLogger(__name__)


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
    """Claim the run; None when it is already done (a repeated task has nothing to do)."""
    with transaction.atomic():
        run = AuditRun.objects.select_for_update().select_related("organization").get(pk=run_id)
        if run.status == AuditRun.Status.DONE:
            return None
        run.status = AuditRun.Status.RUNNING
        run.started_at = timezone.now()
        run.error = ""
        run.attempts += 1
        run.save(update_fields=["status", "started_at", "error", "attempts"])
        return run


def _store_results(run_id: int, loaded: LoadedPlan, result: AuditResult) -> AuditRun:
    with transaction.atomic():
        run = AuditRun.objects.select_for_update().get(pk=run_id)
        if run.status == AuditRun.Status.DONE:
            return run  # another attempt finished first: keep its results, write nothing
        # Leftovers cannot survive a rolled-back attempt, but a run is never stored twice.
        run.scores.all().delete()
        run.findings.all().delete()
        ChannelScore.objects.bulk_create(
            ChannelScore(
                run=run,
                channel_id=loaded.channel_ids[c.key],
                channel_key=c.key,
                channel_label=c.label,
                platform=c.platform,
                verdict=c.verdict,
                **{field: c.scores[field] for field in (*CRITERIA, "overall")},
            )
            for c in result.channels
        )
        Finding.objects.bulk_create(
            Finding(
                run=run,
                channel_id=loaded.channel_ids[f.channel] if f.channel else None,
                channel_key=f.channel or "",
                code=f.code,
                criterion=f.criterion,
                points=f.points,
                severity=f.severity,
                message=f.message,
                recommendation=f.recommendation,
                affects=f.affects,
                charges=[charge.to_dict() for charge in f.charges],
                side=f.side,
            )
            for f in result.findings
        )
        run.status = AuditRun.Status.DONE
        run.score = result.score
        run.thresholds = result.to_dict()["thresholds"]
        run.digest = plan_digest(loaded.snapshot)
        run.plan = loaded.plan
        run.plan_revision = loaded.plan.revision if loaded.plan else None
        run.plan_version = loaded.plan.version if loaded.plan else None
        run.finished_at = timezone.now()
        run.save()
        return run


def audit_run_fail(*, run_id: int, error: BaseException | str) -> None:
    """Record why a run failed (unless another attempt has completed it meanwhile)."""
    reason = error if isinstance(error, str) else f"{type(error).__name__}: {error}"
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


def audit_run_now(
    *, organization: Organization, trigger: str = AuditRun.Trigger.COMMAND, started_by=None
) -> AuditRun:
    """Create and carry out a run in this process (the command line, the demo)."""
    run, _ = audit_run_create(organization=organization, trigger=trigger, started_by=started_by)
    return audit_run_execute(run_id=run.pk)
