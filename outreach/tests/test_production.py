"""The app as production serves it: gunicorn (gunicorn.conf.py), debug off, static files from
whitenoise after collectstatic, the security headers, /healthz, and a 503 page when the database
is unreachable. Each server is a real process on loopback; the database is a SQLite file here
(the load test, test_load.py, runs gunicorn on PostgreSQL)."""

import json
import re
from pathlib import Path

import pytest

from outreach.tests.served import HOST, Server, manage, production_env

pytestmark = pytest.mark.services


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("production")
    env = production_env(tmp, f"sqlite:///{tmp / 'db.sqlite3'}")
    manage(env, "check", "--deploy", "--fail-level", "WARNING")
    manage(env, "migrate", "--noinput")
    manage(env, "collectstatic", "--noinput")
    server = Server(env, tmp / "gunicorn.log")
    yield server
    server.stop()


def test_pages_are_served_with_debug_off_and_the_security_headers(served):
    page = served.request("GET", "/login/")
    assert page.status == 200, page.text[-2000:]
    assert page.getheader("Strict-Transport-Security").startswith("max-age=31536000")
    policy = page.getheader("Content-Security-Policy")
    assert "object-src 'none'" in policy and "frame-ancestors 'none'" in policy
    assert "'unsafe-inline'" not in re.search(r"script-src[^;]*", policy).group(0)
    assert page.getheader("X-Frame-Options") == "DENY"
    assert page.getheader("X-Content-Type-Options") == "nosniff"
    assert page.getheader("Permissions-Policy")
    assert "Traceback" not in page.text


def test_static_files_are_served_hashed_compressed_and_cached_for_long(served):
    page = served.request("GET", "/login/")
    stylesheet = re.search(r'href="(/static/css/app\.[0-9a-f]{12}\.css)"', page.text)
    assert stylesheet, "the page links the hashed stylesheet"
    css = served.request("GET", stylesheet.group(1), headers={"Accept-Encoding": "gzip"})
    assert css.status == 200
    assert "max-age=315360000" in css.getheader("Cache-Control")
    assert css.getheader("Content-Encoding") == "gzip"
    assert served.request("GET", "/static/css/missing.css").status == 404


def test_healthz_answers_without_https_and_says_what_it_checked(served):
    health = served.request("GET", "/healthz", headers={"X-Forwarded-Proto": "http"})
    assert health.status == 200
    assert json.loads(health.text) == {
        "status": "ok",
        "database": "ok",
        "broker": "not used (tasks run in-process)",
    }


def test_with_the_database_down_pages_answer_503_and_healthz_says_so(tmp_path, served):
    # Same static files, a database that refuses connections.
    env = production_env(tmp_path, "postgres://postgres@127.0.0.1:1/outreach")
    env["DJANGO_STATIC_ROOT"] = str(Path(served.log).parent / "static")
    down = Server(env, tmp_path / "gunicorn.log")
    try:
        health = down.request("GET", "/healthz")
        assert health.status == 503
        assert json.loads(health.text)["database"] == "unreachable"
        login = down.request("GET", "/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login.text).group(1)
        cookie = login.getheader("Set-Cookie").split(";")[0]
        answer = down.request(
            "POST",
            "/login/",
            body=f"csrfmiddlewaretoken={token}&username=a%40b.example&password=x",
            headers={
                "Content-Type": "application/x-www-form-urlencoded",
                "Cookie": cookie,
                "Referer": f"https://{HOST}:{down.port}/login/",
            },
        )
        assert answer.status == 503, answer.text[-2000:]
        assert answer.getheader("Retry-After") == "30"
        assert "briefly unavailable" in answer.text and "Traceback" not in answer.text
        assert "Content-Security-Policy" in dict(answer.getheaders())
    finally:
        down.stop()
