"""The import_plan, export_plan and seed_demo management commands."""

import io
import json
import re

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import RequestFactory

from outreach.models import Membership, Organization
from strategy.selectors import plan_document
from strategy.tests.test_import_queries import plan_file
from strategy.tests.test_planfile import SPEC_EXAMPLE, demo_document, example_document
from strategy.tests.test_services import _snapshot

pytestmark = pytest.mark.django_db

# django-axes watches every login, and needs the request it comes with.
LOGIN = RequestFactory().post("/login/")


def _run(*args) -> tuple[str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    call_command(*args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def _user(email):
    return get_user_model().objects.get(email=email)


def _write(tmp_path, document, name="plan.json"):
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


# import_plan ----------------------------------------------------------------------------------


def test_import_plan_imports_a_file_and_says_so_in_one_line(tmp_path):
    out, err = _run("import_plan", str(_write(tmp_path, example_document())))

    assert out == (
        "acme (Acme Learning): created; plan '2027 H1 outreach' new revision 1 (draft, "
        "version 1); 2 active channels, 1 staff member, 1 assignment, 1 activity, 1 link.\n"
    )
    assert err == ""
    assert plan_document(organization=Organization.objects.get(slug="acme")) == SPEC_EXAMPLE


def test_import_plan_twice_reports_unchanged(tmp_path):
    path = _write(tmp_path, example_document())
    _run("import_plan", str(path))
    before = _snapshot()

    out, _ = _run("import_plan", str(path))

    assert out.startswith("acme (Acme Learning): unchanged (the file matches what is stored);")
    assert _snapshot() == before


def test_import_plan_reads_standard_input(monkeypatch):
    raw = json.dumps(example_document()).encode("utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(raw)))

    out, _ = _run("import_plan", "-")

    assert out.startswith("acme (Acme Learning): created; plan '2027 H1 outreach' new revision 1")
    assert plan_document(organization=Organization.objects.get(slug="acme")) == SPEC_EXAMPLE


def test_import_plan_lists_every_problem_and_writes_nothing(tmp_path):
    _run("import_plan", str(_write(tmp_path, example_document(), "good.json")))
    before = _snapshot()
    document = example_document()
    document["channels"][0]["platform"] = "myspace"
    document["staff"][0]["capacity_hours"] = -1
    document["activities"][0]["owner"] = "zoe"
    stderr = io.StringIO()

    with pytest.raises(CommandError, match=r"bad\.json: 3 problems; nothing was imported\."):
        call_command("import_plan", str(_write(tmp_path, document, "bad.json")), stderr=stderr)

    assert stderr.getvalue().splitlines() == [
        "channels[0].platform: 'myspace' is not a platform (one of twitter, mastodon, bluesky, "
        "facebook, linkedin, instagram, youtube, blog)",
        "staff[0].capacity_hours: must be a number ≥ 0, not -1",
        "activities[0].owner: 'zoe' is not one of the file's staff keys (ana)",
    ]
    assert _snapshot() == before


def test_import_plan_reports_invalid_json_with_its_place(tmp_path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": 1,\n "plan": }', encoding="utf-8")
    stderr = io.StringIO()

    with pytest.raises(CommandError, match="1 problem; nothing was imported"):
        call_command("import_plan", str(path), stderr=stderr)

    assert stderr.getvalue() == "line 2, column 10: not valid JSON (Expecting value)\n"
    assert not Organization.objects.exists()


def test_import_plan_of_a_missing_file_fails_clearly(tmp_path):
    with pytest.raises(CommandError, match=r"Cannot read .*nothing\.json: No such file"):
        call_command("import_plan", str(tmp_path / "nothing.json"))


# export_plan ----------------------------------------------------------------------------------


def test_export_plan_prints_the_document(tmp_path):
    _run("import_plan", str(_write(tmp_path, demo_document())))

    out, _ = _run("export_plan", "demo")

    assert json.loads(out) == plan_document(organization=Organization.objects.get(slug="demo"))
    assert out.startswith('{\n  "format": 1,\n')
    assert "Winter 2026–27 outreach" in out  # not escaped as \\u2013


def test_export_plan_of_an_unknown_slug_fails_clearly():
    with pytest.raises(CommandError, match="No organization with the slug 'nope'."):
        call_command("export_plan", "nope")


def test_export_plan_of_an_organization_without_a_plan_fails_clearly(organization):
    with pytest.raises(CommandError, match=r"Acme Learning \(acme\) has no plan yet\."):
        call_command("export_plan", "acme")


# seed_demo ------------------------------------------------------------------------------------


def test_seed_demo_loads_the_demo_and_two_members(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "demo-pass-42")

    out, _ = _run("seed_demo")

    organization = Organization.objects.get(slug="demo")
    assert plan_document(organization=organization) == demo_document()
    roles = dict(
        Membership.objects.filter(organization=organization).values_list("user__email", "role")
    )
    assert roles == {"manager@demo.example": "manager", "comms@demo.example": "comms"}
    for email in roles:
        assert authenticate(LOGIN, username=email, password="demo-pass-42") == _user(email)
    assert out.splitlines()[-4:] == [
        "Log in at http://127.0.0.1:8000/login/ as either of:",
        "  Manager      manager@demo.example",
        "  Comms staff  comms@demo.example",
        "  password     demo-pass-42",
    ]


def test_seed_demo_twice_keeps_the_data_and_resets_the_passwords(monkeypatch):
    monkeypatch.setenv("DEMO_PASSWORD", "first-pass-1")
    _run("seed_demo")
    before = _snapshot()
    before.pop("User")  # the passwords are set again, by design
    monkeypatch.setenv("DEMO_PASSWORD", "second-pass-2")

    out, _ = _run("seed_demo")

    after = _snapshot()
    after.pop("User")
    assert after == before
    assert out.startswith(
        "demo (Harbourside Learning Trust): unchanged (the file matches what is stored);"
    )
    comms = _user("comms@demo.example")
    assert authenticate(LOGIN, username="comms@demo.example", password="second-pass-2") == comms
    assert authenticate(LOGIN, username="comms@demo.example", password="first-pass-1") is None


def test_seed_demo_without_a_password_prints_a_random_usable_one(monkeypatch):
    monkeypatch.delenv("DEMO_PASSWORD", raising=False)

    out, _ = _run("seed_demo")

    password = re.search(r"password\s+(\S+)", out).group(1)
    assert len(password) >= 12
    manager = _user("manager@demo.example")
    assert authenticate(LOGIN, username="manager@demo.example", password=password) == manager


def test_import_plan_from_standard_input_names_it_in_the_error(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"[]")))

    with pytest.raises(CommandError, match="standard input: 1 problem; nothing was imported"):
        call_command("import_plan", "-", stderr=io.StringIO())


def test_import_plan_of_an_8_channel_plan_takes_at_most_60_queries_first_and_again(
    tmp_path, django_assert_max_num_queries
):
    """The figure `make bench` watches (import_plan_queries_8_channels): the count of queries
    does not grow with the rows, nor the second time, when the file changed."""
    document = plan_file()
    with django_assert_max_num_queries(60):
        out, _ = _run("import_plan", str(_write(tmp_path, document)))
    assert out.startswith("acme (Acme Learning): created;")
    document["channels"][0]["name"] = "Renamed"
    document["activities"].pop()

    with django_assert_max_num_queries(60):
        out, _ = _run("import_plan", str(_write(tmp_path, document, "changed.json")))

    assert out.startswith("acme (Acme Learning): updated; plan '2027 H1 outreach' revision 1")
    assert out.endswith(
        "8 active channels, 6 staff members, 12 assignments, 39 activities, 10 links.\n"
    )
