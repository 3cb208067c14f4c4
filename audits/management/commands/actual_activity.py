"""python manage.py actual_activity ORG_SLUG [--json]: what each channel actually published,
per calendar month (UTC), from the imported export files; null where a format cannot tell."""

import json

from django.core.management.base import BaseCommand, CommandError

from audits.evidence.selectors import MONTH_FIELDS, actual_activity
from outreach.models import Organization


class Command(BaseCommand):
    help = "Print each channel's actual posts per month, from the imported export files."

    def add_arguments(self, parser):
        parser.add_argument("organization", help="the organization's slug")
        parser.add_argument("--json", action="store_true", help="print JSON")

    def handle(self, *args, **options):
        try:
            organization = Organization.objects.get(slug=options["organization"])
        except Organization.DoesNotExist as error:
            raise CommandError(f"No organization '{options['organization']}'.") from error
        activity = actual_activity(organization=organization)
        if options["json"]:
            self.stdout.write(json.dumps(activity, indent=2))
            return
        if not activity["channels"]:
            self.stdout.write(f"No posts imported for {organization.name} yet.")
        for channel in activity["channels"]:
            self.stdout.write(channel["key"])
            self.stdout.write("  month    " + " ".join(f"{f:>10}" for f in MONTH_FIELDS))
            for month, counts in channel["months"].items():
                cells = " ".join(
                    f"{'?' if counts[f] is None else counts[f]:>10}" for f in MONTH_FIELDS
                )
                self.stdout.write(f"  {month}  {cells}")
