import json

from django.core.management.base import BaseCommand, CommandError

from audits.runs.selectors import run_report
from audits.runs.services import audit_run_now
from outreach.models import Organization


class Command(BaseCommand):
    help = "Audit an organization's current plan now, in this process, and print the result."

    def add_arguments(self, parser):
        parser.add_argument("org_slug")
        parser.add_argument("--json", action="store_true", help="print one JSON object")

    def handle(self, *args, org_slug, **options):
        organization = Organization.objects.filter(slug=org_slug).first()
        if organization is None:
            raise CommandError(f"No organization with the slug '{org_slug}'.")
        try:
            run = audit_run_now(organization=organization)
        except Exception as error:
            raise CommandError(f"The audit of {org_slug} failed: {error}") from error
        scores = list(run.scores.order_by("id"))
        findings = list(run.findings.all())
        if options["json"]:
            self.stdout.write(json.dumps(audit_document(run, scores, findings), indent=2))
            return
        report = run_report(run=run)
        self.stdout.write(f"Audit #{run.number} of {organization.name}: score {run.score}/100")
        width = max((len(row.score.channel_label) for row in report["rows"]), default=0)
        for row in report["rows"]:
            s = row.score
            self.stdout.write(
                f"  {s.channel_label:<{width}} {s.overall:>3}  {row.verdict_label:<13} "
                f"value {s.value}, interactivity {s.interactivity}, "
                f"integration {s.integration}, resourcing {s.resourcing}"
            )
        for finding in report["top_findings"]:
            self.stdout.write(f"  {finding.codes_label} −{finding.points}: {finding.message}")


def audit_document(run, scores, findings) -> dict:
    """The run as the --json output documented in the README."""
    return {
        "organization": run.organization.slug,
        "run": run.number,
        "score": run.score,
        "channels": [
            {
                "key": s.channel_key,
                "platform": s.platform,
                "scores": {
                    "value": s.value,
                    "interactivity": s.interactivity,
                    "integration": s.integration,
                    "resourcing": s.resourcing,
                    "overall": s.overall,
                },
                "verdict": s.verdict,
            }
            for s in scores
        ],
        "findings": [
            {
                "code": f.code,
                "codes": f.codes,
                "criterion": f.criterion,
                "channel": f.channel_key or None,
                "points": f.points,
                "charges": [
                    {key: charge[key] for key in ("code", "criterion", "points", "core")}
                    for charge in f.charges
                ],
                "severity": f.severity,
                "message": f.message,
                "recommendation": f.recommendation,
            }
            for f in findings
        ],
    }
