from django.core.management.base import BaseCommand, CommandError

from audits.reports.models import ReportDispatch
from audits.reports.services import weekly_reports_dispatch
from outreach.models import Organization


class Command(BaseCommand):
    help = (
        "Send the weekly reports that are due, here and now. --due-now ignores the weekday "
        "and hour, never the once-a-week rule."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", dest="org_slug", help="only this organization")
        parser.add_argument(
            "--due-now", action="store_true", help="send this week's report even before its hour"
        )

    def handle(self, *args, org_slug=None, due_now=False, **options):
        organizations = Organization.objects.order_by("slug")
        if org_slug:
            organizations = organizations.filter(slug=org_slug)
            if not organizations.exists():
                raise CommandError(f"No organization with the slug '{org_slug}'.")
        dispatches = weekly_reports_dispatch(
            organizations=organizations,
            ignore_schedule=due_now,
            send_now=True,
            trigger=ReportDispatch.Trigger.COMMAND,
        )
        if not dispatches:
            self.stdout.write(
                "Nothing to send: no report is due"
                + ("" if due_now else " (--due-now sends this week's before its hour)")
                + ", or this week's was already sent."
            )
        for dispatch in dispatches:
            dispatch.refresh_from_db()
            deliveries = list(dispatch.deliveries.order_by("email"))
            self.stdout.write(
                f"{dispatch.organization.slug} week {dispatch.iso_week}, {dispatch.iso_year}: "
                f"{dispatch.get_status_display().lower()}"
                + (f" — {dispatch.subject}" if dispatch.subject else "")
            )
            if not deliveries:
                self.stdout.write("  nobody to send it to (no managers or addresses)")
            for delivery in deliveries:
                line = f"  {delivery.email}: {delivery.get_status_display().lower()}"
                self.stdout.write(line + (f" ({delivery.error})" if delivery.error else ""))
