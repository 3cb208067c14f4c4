"""The app as production serves it: gunicorn (gunicorn.conf.py), debug off, static files from
whitenoise after collectstatic, the security headers, /healthz, and a 503 page when the database
is unreachable. Each server is a real process on loopback; the database is a SQLite file here
(the load test, test_load.py, runs gunicorn on PostgreSQL)."""

import http.client
import json
import os
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.services

PROJECT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(tmp_path: Path, database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "CELERY_"))}
    env.update(
        DJANGO_ENV_FILE=str(tmp_path / "no.env"),  # the environment alone, as in production
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="a-production-like-secret-key-" + "x" * 40,
        DJANGO_ALLOWED_HOSTS=HOST,
        DJANGO_BEHIND_TLS_PROXY="1",  # the test speaks plain HTTP as the proxy would
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DATABASE_URL=database_url,
        GUNICORN_WORKERS="2",
    )
    return env


def manage(env, *args):
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=PROJECT, env=env, check=True, capture_output=True
    )


class Server:
    def __init__(self, env, log: Path):
        self.port = free_port()
        env = {**env, "GUNICORN_BIND": f"{HOST}:{self.port}"}
        self.log = log
        with log.open("ab") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "outreach.wsgi"],
                cwd=PROJECT,
                env=env,
                stdout=out,
                stderr=out,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                socket.create_connection((HOST, self.port), timeout=1).close()
                return
            except OSError:
                assert self.process.poll() is None, log.read_text()
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not start:\n{log.read_text()}")

    def request(self, method, path, body=None, headers=None):
        connection = http.client.HTTPConnection(HOST, self.port, timeout=30)
        headers = {"X-Forwarded-Proto": "https", **(headers or {})}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.text = response.read().decode("utf-8", "replace")
        connection.close()
        return response

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)


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
