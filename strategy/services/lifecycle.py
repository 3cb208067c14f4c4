"""The plan's lifecycle: draft → submitted (comms) → approved, or returned with a comment
(managers); an approved plan changes only through a new revision, a copy made as a draft.
Earlier revisions stay as they were, readable."""

from django.db import transaction
from django.db.models import OuterRef, Subquery, Value
from django.db.models.functions import Coalesce

from outreach.models import StaffMember

from ..models import ChannelLink, PlannedActivity, StrategyPlan
from ..notifications import plan_step_notify
from .editing import PlanNotEditable, plan_bump, plan_lock

Status = StrategyPlan.Status


class PlanStateError(PlanNotEditable):
    """The plan is not in a state that allows this step."""


def _transition(*, plan, user, allowed_from, to, summary, expected_version=None, **fields):
    with transaction.atomic():
        locked = plan_lock(plan_id=plan.pk, expected_version=expected_version)
        if locked.status not in allowed_from:
            raise PlanStateError(
                f"The plan is {locked.get_status_display().lower()}; this step needs it "
                f"{' or '.join(Status(s).label.lower() for s in allowed_from)}."
            )
        locked.status = to
        for name, value in fields.items():
            setattr(locked, name, value)
        moved = plan_bump(plan=locked, user=user, summary=summary, fields=("status", *fields))
        plan_step_notify(plan=moved, actor=user)
        return moved


def plan_submit(*, plan: StrategyPlan, user, expected_version: int | None = None) -> StrategyPlan:
    """Hand a draft (or a returned plan) to the managers for review."""
    return _transition(
        plan=plan,
        user=user,
        allowed_from=(Status.DRAFT, Status.RETURNED),
        to=Status.SUBMITTED,
        summary="Submitted the plan for review",
        expected_version=expected_version,
    )


def plan_approve(*, plan: StrategyPlan, user) -> StrategyPlan:
    """Approve a submitted plan. Its activities keep their owners' names from now on, so the
    approved revision still says who was to do what after a person is removed."""
    with transaction.atomic():
        approved = _transition(
            plan=plan,
            user=user,
            allowed_from=(Status.SUBMITTED,),
            to=Status.APPROVED,
            summary="Approved the plan",
            review_comment="",
        )
        approved.activities.filter(owner__isnull=False).update(
            owner_name=Coalesce(
                Subquery(StaffMember.objects.filter(pk=OuterRef("owner_id")).values("name")[:1]),
                Value(""),
            )
        )
    return approved


def plan_return(*, plan: StrategyPlan, user, comment: str) -> StrategyPlan:
    """Send a submitted plan back to its authors, saying why."""
    comment = comment.strip()
    if not comment:
        raise PlanStateError("Say what should change: a returned plan needs a comment.")
    return _transition(
        plan=plan,
        user=user,
        allowed_from=(Status.SUBMITTED,),
        to=Status.RETURNED,
        summary=f"Returned the plan: {comment}",
        review_comment=comment,
    )


def plan_revise(*, plan: StrategyPlan, user) -> StrategyPlan:
    """Start a new revision of an approved plan: a draft copy of its fields, activities and
    links. The approved revision stays as it is."""
    with transaction.atomic():
        locked = plan_lock(plan_id=plan.pk)
        latest = (
            StrategyPlan.objects.select_for_update()
            .filter(organization_id=locked.organization_id)
            .order_by("-revision")
            .first()
        )
        if latest.pk != locked.pk:
            raise PlanStateError(f"Revision {latest.revision} already follows this one.")
        if locked.status != Status.APPROVED:
            raise PlanStateError("Only an approved plan is revised; edit the draft instead.")
        draft = StrategyPlan(
            organization=locked.organization,
            revision=locked.revision + 1,
            title=locked.title,
            period_start=locked.period_start,
            period_end=locked.period_end,
            objectives=locked.objectives,
            version=0,  # plan_bump makes it 1
        )
        draft.full_clean()
        draft.save()
        PlannedActivity.objects.bulk_create(
            PlannedActivity(
                plan=draft,
                channel_id=a.channel_id,
                kind=a.kind,
                per_week=a.per_week,
                minutes_each=a.minutes_each,
                owner_id=a.owner_id,
                links_to_id=a.links_to_id,
                notes=a.notes,
            )
            for a in locked.activities.all()
        )
        ChannelLink.objects.bulk_create(
            ChannelLink(
                plan=draft,
                from_channel_id=k.from_channel_id,
                to_channel_id=k.to_channel_id,
                how=k.how,
            )
            for k in locked.links.all()
        )
        return plan_bump(
            plan=draft,
            user=user,
            summary=f"Started revision {draft.revision} from revision {locked.revision}",
        )
