"""The audit pages: the history, starting a run, a run's progress and results."""

from django.contrib import messages
from django.http import JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from outreach.access import org_member_required

from .models import AuditRun
from .selectors import audit_history, run_get, run_results_part
from .services import audit_run_create
from .tasks import audit_enqueue


@org_member_required
def run_index(request):
    """The audit history, and the button that starts a run."""
    runs = audit_history(organization=request.organization)
    return render(request, "audits/run_list.html", {"runs": runs})


@org_member_required
@require_POST
def run_start(request):
    run, _ = audit_run_create(organization=request.organization, started_by=request.user)
    audit_enqueue(run)
    run.refresh_from_db(fields=["status", "error"])
    if run.status == AuditRun.Status.FAILED and not run.attempts:
        messages.error(request, f"Audit #{run.number} could not be started: see why below.")
    return redirect("audits:run", org_slug=request.organization.slug, number=run.number)


@org_member_required
def run_detail(request, number: int):
    """A run: its progress while it works, then scores per channel and findings by criterion.
    With ?part=body only the part below the heading, which the page fetches when the run ends."""
    run = run_get(organization=request.organization, number=number)
    context = {"run": run}
    if run.status == AuditRun.Status.DONE:
        context["results"] = run_results_part(run=run)
    template = (
        "audits/_run_body.html" if request.GET.get("part") == "body" else "audits/run_detail.html"
    )
    return render(request, template, context)


@org_member_required
def run_status(request, number: int):
    run = run_get(organization=request.organization, number=number)
    return JsonResponse(
        {
            "status": run.status,
            "finished": run.is_finished,
            "score": run.score,
            "error": run.error,
            "body_url": reverse("audits:run", args=[request.organization.slug, run.number])
            + "?part=body",
        }
    )
