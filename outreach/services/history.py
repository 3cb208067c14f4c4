"""The organization's history of changes: who changed what, and when."""

from ..models import ChangeRecord, Organization


def change_record(
    *,
    organization: Organization,
    actor,
    subject: str,
    summary: str,
    plan_revision: int | None = None,
    plan_version: int | None = None,
) -> ChangeRecord:
    """Note a change in the organization's history (who, what, when)."""
    record = ChangeRecord(
        organization=organization,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        subject=subject,
        summary=summary[:1000],
        plan_revision=plan_revision,
        plan_version=plan_version,
    )
    record.full_clean()
    record.save()
    return record
