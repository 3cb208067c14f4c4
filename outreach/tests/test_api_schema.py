"""Schemathesis against the API's own OpenAPI schema, in process (the WSGI app), as a seeded
demo manager with an API token: every operation of the schema, a bounded number of generated
requests each; no answer may be a server error, and every answer must conform to the schema
(its status code, content type, headers and body). A failure fails the test (and CI)."""

import io
import itertools
import time
from collections import Counter

import hypothesis
import pytest
import schemathesis
from django.core.management import call_command
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from rest_framework.authtoken.models import Token
from schemathesis import GenerationMode
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from outreach.models import Assignment, Channel, Membership, StaffMember
from strategy.models import ChannelLink, PlannedActivity

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]
# Valid requests by the schema, and invalid ones (wrong types, missing fields, out of range):
# the API must refuse the latter with a documented 4xx, never a 5xx.
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
EXAMPLES_PER_OPERATION = 12


def _known_values(organization) -> dict:
    """Path parameters that name the seeded organization's own objects, so that the generated
    requests reach the views' real work instead of stopping at 404."""
    return {
        "org_slug": organization.slug,
        "channel_key": Channel.objects.for_organization(organization).first().key,
        "staff_key": StaffMember.objects.for_organization(organization).first().key,
        "assignment_id": Assignment.objects.for_organization(organization).first().pk,
        "activity_id": PlannedActivity.objects.for_organization(organization).first().pk,
        "link_id": ChannelLink.objects.for_organization(organization).first().pk,
        "revision": 1,
        "number": 1,
        "import_id": 1,
    }


@pytest.fixture
def connection_kept_across_requests():
    """The WSGI app closes the database connection after each request; in a test that would
    end the test's transaction (PostgreSQL). Django's test client keeps it open the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_every_operation_answers_per_its_schema(connection_kept_across_requests):
    call_command("seed_demo", stdout=io.StringIO())
    manager = Membership.objects.get(role=Membership.Role.MANAGER, organization__slug="demo")
    token = Token.objects.create(user=manager.user)
    call_command("run_audit", "demo", stdout=io.StringIO())
    known = _known_values(manager.organization)

    schema = schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application())
    headers = {"Authorization": f"Token {token.key}"}
    failures, operations, started = [], 0, time.monotonic()
    statuses = Counter()
    for result, mode in itertools.product(schema.get_all_operations(), MODES):
        operation = result.ok()
        operations += mode == GenerationMode.POSITIVE

        @hypothesis.given(case=operation.as_strategy(generation_mode=mode))
        @hypothesis.settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
            phases=[hypothesis.Phase.explicit, hypothesis.Phase.generate],
        )
        def run(case):
            for name in list(case.path_parameters or {}):
                if name in known:
                    case.path_parameters[name] = known[name]
            response = case.call_and_validate(headers=headers, checks=CHECKS)
            statuses[response.status_code] += 1

        try:
            run()
        except hypothesis.errors.Unsatisfiable:
            # No invalid request exists for this operation (only free-text path parameters).
            assert mode == GenerationMode.NEGATIVE, operation.path
        except Exception as error:  # every operation is tried; all failures are reported
            failures.append(f"{operation.method.upper()} {operation.path} ({mode.value}): {error}")
    elapsed = time.monotonic() - started
    print(f"schemathesis: {operations} operations in {elapsed:.1f} s, answers {dict(statuses)}")
    assert operations >= 30
    assert not failures, "\n\n".join(failures)
