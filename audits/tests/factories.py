from datetime import UTC, datetime, timedelta

import factory
from django.db.models import Max

from audits.models import AuditRun, ChannelScore, EvidenceImport, Finding, Post
from outreach.tests.factories import ChannelFactory, OrganizationFactory


class AuditRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRun

    organization = factory.SubFactory(OrganizationFactory)
    status = AuditRun.Status.DONE
    score = 60

    @factory.lazy_attribute
    def number(self):
        """Next among the organization's runs, as audit_run_create numbers them."""
        runs = AuditRun.objects.filter(organization=self.organization)
        return (runs.aggregate(highest=Max("number"))["highest"] or 0) + 1


class ChannelScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ChannelScore

    run = factory.SubFactory(AuditRunFactory)
    channel = factory.SubFactory(
        ChannelFactory, organization=factory.SelfAttribute("..run.organization")
    )
    channel_key = factory.SelfAttribute("channel.key")
    channel_label = factory.SelfAttribute("channel.handle")
    platform = factory.SelfAttribute("channel.platform")
    value = interactivity = integration = resourcing = overall = 60
    verdict = "needs_work"


class FindingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Finding

    run = factory.SubFactory(AuditRunFactory)
    code = "V1"
    criterion = "value"
    points = 10
    severity = "medium"
    message = "Too few posts."
    recommendation = "Post more."
    channel_key = ""
    affects = factory.LazyAttribute(lambda o: {o.channel_key: o.points} if o.channel_key else {})
    # Charged under its one code, as most findings are.
    charges = factory.LazyAttribute(
        lambda o: [
            {
                "code": o.code,
                "criterion": o.criterion,
                "points": o.points,
                "affects": dict(o.affects),
                "core": False,
            }
        ]
    )


class EvidenceImportFactory(factory.django.DjangoModelFactory):
    """An uploaded export file, already imported."""

    class Meta:
        model = EvidenceImport

    organization = factory.SubFactory(OrganizationFactory)
    file_name = "tweets.js"
    size = 1000
    format = "x_archive"
    status = EvidenceImport.Status.DONE


class PostFactory(factory.django.DjangoModelFactory):
    """A post a channel actually published: an original tweet, an hour apart from the next."""

    class Meta:
        model = Post

    channel = factory.SubFactory(ChannelFactory)
    organization = factory.SelfAttribute("channel.organization")
    format = "x_archive"
    network = "x"
    post_id = factory.Sequence(lambda n: f"{1450000000000000000 + n}")
    account = factory.LazyAttribute(lambda o: o.channel.handle.lstrip("@"))
    published_at = factory.Sequence(lambda n: datetime(2024, 3, 1, tzinfo=UTC) + timedelta(hours=n))
    kind = "original"
    text = "A post"
    has_media = False
