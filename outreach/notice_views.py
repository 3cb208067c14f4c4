"""A person's notices across their organizations, and how they want to hear about plan events.
Not pages of one organization: each person sees only their own notices, of the organizations
they still belong to (selectors.notice_list); another person's notice answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from .forms import NotificationPreferenceForm
from .models import NotificationPreference
from .selectors import notice_list
from .services.notices import notice_open, notices_mark_read, notification_preference_update

NOTICES_PER_PAGE = 50


@login_required
def notice_index(request):
    page = Paginator(notice_list(user=request.user), NOTICES_PER_PAGE).get_page(
        request.GET.get("page")
    )
    return render(request, "notifications/notice_list.html", {"page": page})


@login_required
def notice_detail(request, notice_id):
    """Opening a notice marks it read and leads to the page it is about."""
    notice = notice_open(notice=get_object_or_404(notice_list(user=request.user), pk=notice_id))
    if not url_has_allowed_host_and_scheme(notice.link, allowed_hosts={request.get_host()}):
        return redirect("notices:index")
    return redirect(notice.link)


@login_required
@require_POST
def notice_read_all(request):
    count = notices_mark_read(user=request.user)
    if count:
        messages.success(request, f"Marked {count} notice{'s' if count != 1 else ''} as read.")
    return redirect("notices:index")


@login_required
def notification_preferences(request):
    # No saved choice means both on (services.notices).
    saved = NotificationPreference.objects.filter(user=request.user).first()
    saved = saved or NotificationPreference(user=request.user)
    form = NotificationPreferenceForm(
        request.POST or None, initial={"email": saved.email, "in_app": saved.in_app}
    )
    if request.method == "POST" and form.is_valid():
        notification_preference_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Saved how you hear about plans.")
        return redirect("notices:preferences")
    return render(
        request,
        "outreach/object_form.html",
        {
            "form": form,
            "title": "Notifications",
            "crumbs": [(reverse("notices:index"), "Notices")],
            "submit_label": "Save",
        },
    )
