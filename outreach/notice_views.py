"""A person's notices across their organizations, and how they want to hear about plan events.
Not pages of one organization: each person sees only their own notices, of the organizations
they still belong to (selectors.notice_list); another person's notice answers 404. And the
emails' unsubscribe link, which needs no login."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .forms import NotificationPreferenceForm
from .models import NotificationPreference
from .notice_tokens import (
    NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE,
    NoticeUnsubscribeLinkExpired,
    NoticeUnsubscribeLinkInvalid,
    notice_unsubscribe_token_read,
)
from .selectors import notice_list
from .services.notices import (
    notice_open,
    notices_mark_read,
    notification_emails_stop,
    notification_preference_update,
)

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


# Mail programs' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed token
# in the address is what authorizes it, and the POST can only turn mail off. GET (which mail
# scanners open) only shows a confirmation. A link that is too old or not genuine changes
# nothing and says which of the two it is. The page names no one: the person's address may
# have changed since the email went out.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def notification_unsubscribe(request, token: str):
    template = "notifications/unsubscribe.html"
    try:
        user_id = notice_unsubscribe_token_read(token)
        user = get_user_model().objects.filter(pk=user_id).first()
        if user is None:
            raise NoticeUnsubscribeLinkInvalid
    except NoticeUnsubscribeLinkExpired:
        context = {"expired": True, "max_age_days": NOTICE_UNSUBSCRIBE_TOKEN_MAX_AGE.days}
        return render(request, template, context, status=410)
    except NoticeUnsubscribeLinkInvalid:
        return render(request, template, {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        notification_emails_stop(user=user)
        done = True
    return render(request, template, {"done": done})
