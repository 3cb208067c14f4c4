import factory

from audits.models import AuditRun, ChannelScore, Finding
from outreach.tests.factories import ChannelFactory, OrganizationFactory


class AuditRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditRun

    organization = factory.SubFactory(OrganizationFactory)
    status = AuditRun.Status.DONE
    score = 60


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
