"""The evidence's Celery task: read one uploaded export file into posts. Views and the
`import_posts` command enqueue it on commit (`evidence_enqueue`); it calls the services."""

from celery import shared_task

from outreach.celery import TRANSIENT_ERRORS, enqueue_on_commit

from .models import EvidenceImport
from .services import evidence_import_execute, evidence_import_fail, stuck_imports_sweep


@shared_task(
    bind=True, acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=5
)
def import_evidence(self, import_id: int):
    """Read the file; a refused file is recorded on the import, a crash too (then re-raised)."""
    try:
        evidence = evidence_import_execute(import_id=import_id)
    except TRANSIENT_ERRORS:
        raise
    except Exception as error:
        evidence_import_fail(import_id=import_id, error=error)
        raise
    return {"import": evidence.pk, "status": evidence.status, "added": evidence.posts_added}


@shared_task(acks_late=True, autoretry_for=TRANSIENT_ERRORS, retry_backoff=2, max_retries=3)
def sweep_stuck_imports():
    """Run by beat every minute: put imports stuck in the queue or in a dead worker back on the
    queue, or fail them with the reason (services.stuck_imports_sweep)."""
    imports = stuck_imports_sweep()
    for evidence in imports:
        evidence_enqueue(evidence)
    return [evidence.pk for evidence in imports]


def evidence_enqueue(evidence: EvidenceImport) -> None:
    """Have a worker read the file once the current transaction commits. When the broker cannot
    take the task, the import is failed with the reason instead of waiting for ever."""
    enqueue_on_commit(
        lambda: import_evidence.delay(evidence.pk),
        on_broker_down=lambda reason: evidence_import_fail(import_id=evidence.pk, error=reason),
    )
