"""/healthz and the error pages, in process (test_production.py serves them through gunicorn)."""

import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse

from outreach.health import server_error


@pytest.mark.django_db
def test_healthz_is_ok_without_logging_in(client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_healthz_answers_503_when_the_broker_is_down(client, dead_broker):
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "ok", "broker": "unreachable"}


@pytest.mark.django_db
def test_an_error_that_is_not_the_database_is_a_500_page_that_reads_nothing(
    django_assert_num_queries,
):
    request = RequestFactory().get("/")
    try:
        raise ValueError("a bug")
    except ValueError:
        with django_assert_num_queries(0):
            response = server_error(request)
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.django_db
def test_a_database_error_with_the_database_there_is_still_a_500(client):
    # A failing query (a bug) is not an outage: only an unreachable database answers 503.
    request = RequestFactory().get("/")
    try:
        raise OperationalError("no such column: x")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 500


def test_robots_are_asked_to_stay_out(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/plain")
    assert response.content.decode() == "User-agent: *\nDisallow: /\n"


@pytest.mark.django_db
def test_pages_name_an_icon_that_is_served(client):
    from django.contrib.staticfiles import finders

    page = client.get("/login/").content.decode()
    assert '<link rel="icon" href="/static/favicon.svg" type="image/svg+xml">' in page
    assert finders.find("favicon.svg")
