"""Weekly reports in the browser: past reports, this week's preview, the schedule, one's own
subscription; and the unsubscribe link of the email (no login needed)."""

import datetime as dt

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from outreach.access import org_member_required
from outreach.forms import add_service_errors
from outreach.services import organization_report_settings_update

from .email import report_email_build
from .forms import ReportScheduleForm
from .models import ReportDispatch
from .selectors import report_moment, report_page, scheduler_runs, unsubscribe_recipient
from .services import report_opt_in, report_opt_out, weekly_reports_dispatch
from .tokens import UNSUBSCRIBE_TOKEN_MAX_AGE, UnsubscribeLinkExpired, UnsubscribeLinkInvalid


def _preview(request, organization, run):
    moment = report_moment(organization, timezone.now())
    return report_email_build(
        organization=organization,
        run=run,
        week=(moment.iso_year, moment.iso_week),
        dashboard_url=request.build_absolute_uri(
            reverse("dashboard:show", args=[organization.slug])
        ),
        # A preview is no delivery, so it has no unsubscribe token: its link leads to this page,
        # where the reader turns the report off for themselves.
        unsubscribe_url=request.build_absolute_uri(
            reverse("reports:index", args=[organization.slug])
        ),
    )


# The weekly report is the managers': its schedule, its recipients' addresses, its preview.
@org_member_required(manager_only=True)
def report_index(request):
    organization = request.organization
    if request.method == "POST":
        form = ReportScheduleForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                changed = organization_report_settings_update(
                    organization=organization,
                    actor=request.user,
                    report_weekday=data["report_weekday"],
                    report_hour=data["report_hour"],
                    timezone=data["timezone"].strip(),
                    report_recipients=data["report_recipients"].splitlines(),
                )
            except ValidationError as error:
                organization.refresh_from_db()  # the service set values it then refused
                add_service_errors(form, error)
            else:
                messages.success(
                    request, "Report settings saved." if changed else "Nothing changed."
                )
                return redirect("reports:index", org_slug=organization.slug)
    else:
        form = ReportScheduleForm(
            initial={
                "report_weekday": organization.report_weekday,
                "report_hour": organization.report_hour,
                "timezone": organization.timezone,
                "report_recipients": "\n".join(organization.report_recipients),
            }
        )
    page = report_page(organization=organization, email=request.user.email)
    moment = report_moment(organization, timezone.now())
    context = {
        "form": form,
        "dispatches": page.dispatches,
        "preview": _preview(request, organization, page.latest_run) if page.latest_run else None,
        "moment": moment,
        "next_week_moment": moment.scheduled_at + dt.timedelta(days=7),
        "recipients": page.recipients,
        "opted_out": page.opted_out,
        "scheduler_runs": scheduler_runs(),
        "sent_this_week": next(
            (
                d
                for d in page.dispatches
                if (d.iso_year, d.iso_week) == (moment.iso_year, moment.iso_week)
            ),
            None,
        ),
    }
    return render(request, "audits/report_list.html", context)


@org_member_required(manager_only=True)
@require_POST
def report_send_now(request):
    """This week's report, now: for a setup where no scheduler runs (`make run`), or a manager
    who does not want to wait. Once a week still: a week already sent is not sent again."""
    organization = request.organization
    sent = weekly_reports_dispatch(
        organizations=[organization],
        ignore_schedule=True,
        send_now=True,
        trigger=ReportDispatch.Trigger.MANUAL,
    )
    if sent:
        messages.success(request, "This week's report was sent; see below who got it.")
    else:
        messages.info(request, "This week's report was already sent; see below.")
    return redirect("reports:index", org_slug=organization.slug)


@org_member_required(manager_only=True)
@require_POST
def report_subscription(request):
    """A member's own choice: get the weekly report or not."""
    if request.POST.get("subscribe") == "1":
        report_opt_in(organization=request.organization, email=request.user.email)
        messages.success(request, "You will get the weekly report.")
    else:
        report_opt_out(organization=request.organization, email=request.user.email)
        messages.success(request, "You will no longer get the weekly report.")
    return redirect("reports:index", org_slug=request.organization.slug)


# Mail programs' one-click unsubscribe (RFC 8058) POSTs without a CSRF token; the signed token
# in the address is what authorizes it, and GET only shows a confirmation. A link that is too
# old or not genuine changes nothing and says which of the two it is.
@csrf_exempt
def unsubscribe(request, token: str):
    try:
        recipient = unsubscribe_recipient(token=token)
    except UnsubscribeLinkExpired:
        context = {"expired": True, "max_age_days": UNSUBSCRIBE_TOKEN_MAX_AGE.days}
        return render(request, "audits/unsubscribe.html", context, status=410)
    except UnsubscribeLinkInvalid:
        return render(request, "audits/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        report_opt_out(organization=recipient.organization, email=recipient.email)
        done = True
    return render(
        request,
        "audits/unsubscribe.html",
        {"organization": recipient.organization, "email": recipient.email, "done": done},
    )
