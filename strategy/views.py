from django.http import Http404
from django.shortcuts import render

from outreach.access import org_member_required

from .selectors import plan_page


@org_member_required
def plan_current(request):
    """The organization's current plan (its latest revision)."""
    return render(
        request, "strategy/plan_detail.html", plan_page(organization=request.organization)
    )


@org_member_required
def plan_revision(request, revision: int):
    """An earlier (or the current) revision of the plan, read-only."""
    context = plan_page(organization=request.organization, revision=revision)
    if context["plan"] is None:
        raise Http404("No such revision of the plan.")
    return render(request, "strategy/plan_detail.html", context)
