"""python manage.py import_posts ORG_SLUG [--channel KEY] [--columns date=Date,text=Content] FILE...

Each file is imported on its own, all or nothing, here and now (not through a worker).
"""

import os

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from audits.evidence.models import EvidenceImport
from audits.evidence.services import (
    evidence_import_create,
    evidence_import_execute,
    evidence_import_map_columns,
)
from outreach.models import Channel, Organization


class Command(BaseCommand):
    help = "Import the actual posts of an organization's channels from the networks' export files."

    def add_arguments(self, parser):
        parser.add_argument("organization", help="the organization's slug")
        parser.add_argument("files", nargs="+", help="export files (format told by content)")
        parser.add_argument(
            "--channel", help="the channel key for posts whose account no channel's handle names"
        )
        parser.add_argument(
            "--columns",
            help="for another tool's CSV: which columns hold what, e.g. "
            "'date=Date,text=Content,link=Url,author=Created by' (remembered for the channel)",
        )

    def handle(self, *args, **options):
        try:
            organization = Organization.objects.get(slug=options["organization"])
        except Organization.DoesNotExist as error:
            raise CommandError(f"No organization '{options['organization']}'.") from error
        channel = None
        if options["channel"]:
            channel = (
                Channel.objects.for_organization(organization)
                .filter(key=options["channel"])
                .first()
            )
            if channel is None:
                raise CommandError(f"No channel '{options['channel']}' in {organization.name}.")
        mapping = _columns(options["columns"]) if options["columns"] else None
        refused = 0
        for path in options["files"]:
            name = os.path.basename(path)
            try:
                with open(path, "rb") as stream:
                    evidence = evidence_import_create(
                        organization=organization,
                        file_name=name,
                        size=os.fstat(stream.fileno()).st_size,
                        stream=stream,
                        channel=channel,
                    )
            except (OSError, ValidationError) as error:
                refused += 1
                messages = error.messages if isinstance(error, ValidationError) else [str(error)]
                self.stderr.write(f"{name}: refused. " + " ".join(messages))
                continue
            if mapping is not None and channel is not None:
                evidence = evidence_import_map_columns(
                    evidence=evidence, channel=channel, mapping=mapping
                )
            evidence = evidence_import_execute(import_id=evidence.pk)
            if evidence.status == EvidenceImport.Status.DONE:
                self.stdout.write(
                    f"{name}: {evidence.posts_added} posts added, {evidence.posts_known} "
                    f"already known ({evidence.items_read} read)."
                )
            else:
                refused += 1
                self.stderr.write(f"{name}: refused. {evidence.error}")
        if refused:
            raise CommandError(f"{refused} of {len(options['files'])} files refused.")


def _columns(text: str) -> dict:
    mapping = {}
    for part in text.split(","):
        field, _, column = part.partition("=")
        if not column:
            raise CommandError(f"--columns: '{part}' is not field=column.")
        mapping[field.strip()] = column.strip()
    return mapping
