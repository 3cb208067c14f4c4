"""`manage.py import_plan FILE`: import a plan file (`-` reads standard input).

A bad file prints every problem, one per line, to stderr and fails without writing anything.
"""

import sys

from django.core.management.base import BaseCommand, CommandError

from outreach.models import Assignment
from strategy.planfile import PlanFileError, plan_document_parse
from strategy.services import PlanImportResult, plan_import


class Command(BaseCommand):
    help = "Import an organization's outreach plan from a plan file (JSON); '-' reads stdin."

    def add_arguments(self, parser):
        parser.add_argument("file", help="path of the plan file, or - for standard input")

    def handle(self, *args, file, **options):
        raw = _read(file)
        try:
            result = plan_import(document=plan_document_parse(raw))
        except PlanFileError as error:
            for problem in error.errors:
                self.stderr.write(problem)
            count = len(error.errors)
            source = "standard input" if file == "-" else file
            raise CommandError(
                f"{source}: {_counted(count, 'problem')}; nothing was imported."
            ) from error
        self.stdout.write(import_summary(result))


def _read(file: str) -> bytes:
    if file == "-":
        return sys.stdin.buffer.read()
    try:
        with open(file, "rb") as handle:
            return handle.read()
    except OSError as error:
        raise CommandError(f"Cannot read {file}: {error.strerror}.") from error


def import_summary(result: PlanImportResult) -> str:
    """One line saying what an import did, e.g. for the command's output."""
    organization, plan = result.organization, result.plan
    if not result.changed:
        what = "unchanged (the file matches what is stored)"
    elif result.created:
        what = "created"
    else:
        what = "updated"
    where = "new revision" if result.new_revision else "revision"
    counts = _counts(organization, plan)
    return (
        f"{organization.slug} ({organization.name}): {what}; plan '{plan.title}' {where} "
        f"{plan.revision} ({plan.get_status_display().lower()}, version {plan.version}); {counts}."
    )


def _counts(organization, plan) -> str:
    numbers = {
        "active channel": organization.channels.filter(active=True).count(),
        "staff member": organization.staff.count(),
        "assignment": Assignment.objects.filter(channel__organization=organization).count(),
        "activity": plan.activities.count(),
        "link": plan.links.count(),
    }
    return ", ".join(_counted(count, noun) for noun, count in numbers.items())


def _counted(count: int, noun: str) -> str:
    if count == 1:
        return f"1 {noun}"
    plural = noun[:-1] + "ies" if noun.endswith("y") else noun + "s"
    return f"{count} {plural}"
