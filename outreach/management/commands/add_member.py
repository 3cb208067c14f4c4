from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from outreach.models import Membership, Organization
from outreach.services import member_add


class Command(BaseCommand):
    help = "Give a person (by email, their login) a role in an organization; creates the user."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")
        parser.add_argument("email")
        parser.add_argument("--role", required=True, choices=Membership.Role.values)
        parser.add_argument("--password", help="set (or reset) the person's password")

    def handle(self, *args, org_slug, email, role, password, **options):
        organization = Organization.objects.filter(slug=org_slug).first()
        if organization is None:
            raise CommandError(f"No organization with the slug '{org_slug}'.")
        try:
            added = member_add(
                organization=organization,
                email=email,
                role=role,
                password=password,
                reset_password=password is not None,
            )
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from error
        user = added.membership.user
        what = "created and added" if added.user_created else "added"
        if not added.user_created and not added.role_changed:
            what = "already a member, kept"
        elif added.role_changed:
            what = "role changed"
        self.stdout.write(f"{user.email}: {what} as {role} of {organization.slug}.")
        if added.user_created and password is None:
            self.stdout.write("No password set yet: run again with --password to let them log in.")
