"""Who hears about a step of the plan's review, and what they are told (docs/notifications.md).

- Submitted: the organization's managers, to approve or return it.
- Returned or approved: the members who worked on this revision: everyone who made a change
  recorded on it (started it, edited it, uploaded it, submitted it), if still a member.
- Never the person who took the step.

Called by the lifecycle service inside its transaction: the notices are made with the step, and
their emails are sent once it commits (outreach.tasks).
"""

from django.contrib.auth import get_user_model
from django.urls import reverse

from outreach.models import ChangeRecord, Membership, Notice
from outreach.services.notices import notices_create
from outreach.tasks import notice_emails_enqueue

from .models import StrategyPlan

Status = StrategyPlan.Status
Kind = Notice.Kind

KIND_OF_STATUS = {
    Status.SUBMITTED: Kind.PLAN_SUBMITTED,
    Status.RETURNED: Kind.PLAN_RETURNED,
    Status.APPROVED: Kind.PLAN_APPROVED,
}


def plan_step_notify(*, plan: StrategyPlan, actor) -> list[Notice]:
    """Tell the right people that `plan` (locked, just moved) is now in its status. Once per
    step: the event is the plan's version, which each step raises."""
    kind = KIND_OF_STATUS.get(plan.status)
    if kind is None:
        return []
    recipients = _recipients(plan, kind).exclude(pk=getattr(actor, "pk", None))
    subject, message = _words(plan, kind, actor)
    notices = notices_create(
        organization=plan.organization,
        recipients=recipients,
        kind=kind,
        subject=subject,
        message=message,
        link=reverse("strategy:plan", args=[plan.organization.slug]),
        event_key=f"plan:{plan.pk}:v{plan.version}:{kind}",
    )
    notice_emails_enqueue([n.pk for n in notices if n.email and n.emailed_at is None])
    return notices


def _recipients(plan: StrategyPlan, kind: str):
    people = get_user_model().objects
    if kind == Kind.PLAN_SUBMITTED:
        # One filter() call: the organization and the role of the same membership.
        return people.filter(
            memberships__organization_id=plan.organization_id,
            memberships__role=Membership.Role.MANAGER,
        )
    authors = ChangeRecord.objects.filter(
        organization_id=plan.organization_id,
        subject=ChangeRecord.Subject.PLAN,
        plan_revision=plan.revision,
        actor__isnull=False,
    ).values("actor_id")
    return people.filter(memberships__organization_id=plan.organization_id, pk__in=authors)


def _name(user) -> str:
    if user is None:
        return "Someone"
    return user.get_full_name() or user.email or user.get_username()


def _words(plan: StrategyPlan, kind: str, actor) -> tuple[str, str]:
    """The notice's subject and message: the plan, its organization, who did it, and for a
    returned plan the manager's comment."""
    organization = " ".join(plan.organization.name.split())
    title = " ".join(plan.title.split())
    who = _name(actor)
    plan_words = f"“{title}” (revision {plan.revision}) of {organization}"
    if kind == Kind.PLAN_SUBMITTED:
        return (
            f"{organization}: “{title}” waits for your approval",
            f"{who} submitted the plan {plan_words} for approval. Approve it, or return it "
            "with a comment saying what should change.",
        )
    if kind == Kind.PLAN_RETURNED:
        return (
            f"{organization}: “{title}” was returned",
            f"{who} returned the plan {plan_words} with this comment:\n\n"
            f"{plan.review_comment}\n\nChange it and submit it again.",
        )
    return (
        f"{organization}: “{title}” was approved",
        f"{who} approved the plan {plan_words}. It is read-only now; a change starts a new "
        "revision.",
    )
