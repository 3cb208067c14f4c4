"""run_audit from the command line."""

import json

import pytest
from django.core.management import CommandError, call_command

from audits.models import AuditRun
from audits.tests.factories import AuditRunFactory
from audits.tests.plans import plan_with_channels


@pytest.mark.django_db
def test_json_output_has_the_documented_shape(organization, capsys):
    plan_with_channels(organization, 2)
    call_command("run_audit", "acme", "--json")
    document = json.loads(capsys.readouterr().out)
    run = AuditRun.objects.get()
    assert document["organization"] == "acme" and document["run"] == run.number == 1
    assert document["score"] == run.score
    assert {c["key"] for c in document["channels"]} == {"c0", "c1"}
    channel = document["channels"][0]
    assert set(channel) == {"key", "platform", "scores", "verdict"}
    assert set(channel["scores"]) == {
        "value",
        "interactivity",
        "integration",
        "resourcing",
        "overall",
    }
    assert len(document["findings"]) == run.findings.count() == 17  # every stored finding
    first = document["findings"][0]
    assert set(first) == {
        "code",
        "codes",
        "charges",
        "criterion",
        "channel",
        "points",
        "severity",
        "message",
        "recommendation",
    }
    assert first["codes"][0] == first["code"]
    assert set(first["charges"][0]) == {"code", "criterion", "points", "core"}
    assert sum(c["points"] for c in first["charges"]) == first["points"]
    points = [f["points"] for f in document["findings"]]
    assert points == sorted(points, reverse=True)


@pytest.mark.django_db
def test_plain_output_is_a_readable_summary(organization, capsys):
    plan_with_channels(organization, 2)
    AuditRunFactory()  # another organization's run: the numbering is the organization's own
    call_command("run_audit", "acme")
    out = capsys.readouterr().out
    run = AuditRun.objects.get(organization=organization)
    lines = out.splitlines()
    assert lines[0] == f"Audit #1 of Acme Learning: score {run.score}/100"
    # One aligned line per channel, the worst first.
    assert lines[1:3] == [
        "  Channel c1  72  needs work    value 60, interactivity 72, integration 70, resourcing 85",
        "  Channel c0  76  needs work    value 59, interactivity 79, integration 80, resourcing 85",
    ]


@pytest.mark.django_db
def test_unknown_slug_is_a_clear_error():
    with pytest.raises(CommandError, match="No organization with the slug 'nope'"):
        call_command("run_audit", "nope", "--json")
    assert not AuditRun.objects.exists()
