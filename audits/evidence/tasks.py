"""The evidence's Celery task: read one uploaded export file into posts. Views and the
`import_posts` command enqueue it on commit (`evidence_enqueue`); it calls the services."""

from celery import shared_task
from django.db import transaction

from outreach.celery import TRANSIENT_ERRORS

from .models import EvidenceImport
from .services import evidence_import_execute, evidence_import_fail


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


def evidence_enqueue(evidence: EvidenceImport) -> None:
    """Have a worker read the file once the current transaction commits."""
    transaction.on_commit(lambda: import_evidence.delay(evidence.pk))
