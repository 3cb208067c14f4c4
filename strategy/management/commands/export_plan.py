"""`manage.py export_plan ORG_SLUG`: print an organization's current plan as a plan file."""

import json

from django.core.management.base import BaseCommand, CommandError

from outreach.models import Organization
from strategy.models import StrategyPlan
from strategy.selectors import plan_document


class Command(BaseCommand):
    help = "Print an organization's current outreach plan as a plan file (JSON) to stdout."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")

    def handle(self, *args, org_slug, **options):
        organization = Organization.objects.filter(slug=org_slug).first()
        if organization is None:
            raise CommandError(f"No organization with the slug '{org_slug}'.")
        try:
            document = plan_document(organization=organization)
        except StrategyPlan.DoesNotExist as error:
            raise CommandError(f"{organization.name} ({org_slug}) has no plan yet.") from error
        self.stdout.write(json.dumps(document, indent=2, ensure_ascii=False))
