"""The app's URLs plus two member pages that do no work of their own, for bench/floor.py."""

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path

from outreach.access import org_member_required
from outreach.urls import urlpatterns as app_urlpatterns


@org_member_required
def member_floor(request):
    """What every member page pays before its own work: the session, the user, the membership."""
    return HttpResponse(str(request.membership.pk))


@org_member_required
def member_frame(request):
    """The floor and the page's frame (base.html: top bar, organization switcher, navigation)."""
    return render(request, "base.html", {})


urlpatterns = [
    path("bench/floor/<slug:org_slug>/", member_floor),
    path("bench/frame/<slug:org_slug>/", member_frame),
    *app_urlpatterns,
]
