from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render

from .access import org_member_required
from .selectors import channel_list, member_list, staff_list


@login_required
def home(request):
    """The member's organizations; straight to the one they used last, or their only one."""
    memberships = list(request.user.memberships.select_related("organization"))
    slugs = {m.organization.slug for m in memberships}
    last = request.session.get("last_org")
    if last in slugs and not request.GET.get("choose"):
        return redirect("outreach:organization", org_slug=last)
    if len(memberships) == 1:
        return redirect("outreach:organization", org_slug=memberships[0].organization.slug)
    return render(request, "outreach/home.html", {"memberships": memberships})


@org_member_required
def organization_home(request):
    """An organization's front door is its plan (managers get the dashboard once it exists)."""
    return redirect("strategy:plan", org_slug=request.organization.slug)


@org_member_required
def channel_index(request):
    return render(
        request,
        "outreach/channel_list.html",
        {"channels": channel_list(organization=request.organization)},
    )


@org_member_required
def channel_detail(request, channel_key):
    channel = get_object_or_404(channel_list(organization=request.organization), key=channel_key)
    return render(request, "outreach/channel_detail.html", {"channel": channel})


@org_member_required
def staff_index(request):
    return render(
        request,
        "outreach/staff_list.html",
        {"people": staff_list(organization=request.organization)},
    )


@org_member_required
def member_index(request):
    return render(
        request,
        "outreach/member_list.html",
        {"members": member_list(organization=request.organization)},
    )
