"""`manage.py seed_demo`: the demo organization, its plan and two people who can log in.

Repeatable: the plan is imported through `plan_import` (a second run changes nothing), and the
two members are added again with the password of this run. The password is DEMO_PASSWORD from
the environment, or a fresh random one, printed either way.
"""

import json
import secrets
from pathlib import Path

import environ
from django.core.management.base import BaseCommand
from django.db import transaction

from outreach.models import Membership
from outreach.services import member_add
from strategy.services import plan_import

from .import_plan import import_summary

DEMO_PLAN = Path(__file__).resolve().parents[2] / "demo" / "demo-plan.json"
DEMO_MEMBERS = (
    ("manager@demo.example", Membership.Role.MANAGER),
    ("comms@demo.example", Membership.Role.COMMS),
)
LOGIN_URL = "http://127.0.0.1:8000/login/"


class Command(BaseCommand):
    help = "Load the demo organization with its plan, a manager and a comms member (repeatable)."

    def handle(self, *args, **options):
        password = environ.Env().str("DEMO_PASSWORD", default="") or secrets.token_urlsafe(9)
        with transaction.atomic():
            result = plan_import(document=json.loads(DEMO_PLAN.read_text(encoding="utf-8")))
            for email, role in DEMO_MEMBERS:
                member_add(
                    organization=result.organization,
                    email=email,
                    role=role,
                    password=password,
                    reset_password=True,
                )
        self.stdout.write(import_summary(result))
        self.stdout.write("")
        self.stdout.write(f"Log in at {LOGIN_URL} as either of:")
        for email, role in DEMO_MEMBERS:
            self.stdout.write(f"  {role.label:<12} {email}")
        self.stdout.write(f"  password     {password}")
