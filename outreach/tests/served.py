"""The app served as production serves it, for tests that talk to it over loopback: gunicorn
(gunicorn.conf.py) with debug off, settings from the environment alone."""

import http.client
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def production_env(tmp_path: Path, database_url: str, **overrides) -> dict:
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
    env.update(overrides)
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
