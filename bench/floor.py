"""The floor under the dashboard's and the run page's budgets (`make bench-floor`).

`dashboard_ratio` and `run_page_ratio` ask a member's page for a quarter of the requests per
second of `/robots.txt`. This measures, in process and in one run, what any member page costs
before its own work: a page that only resolves the session, the user and the membership (no
template), then the same with the page's frame (base.html), then the dashboard and the run page
with their results cached. When the floor's ratio is already under 0.25, no member page can meet
the budget however little it does (README, "Performance").

With DATABASE_URL naming PostgreSQL it uses a test database on that server; otherwise SQLite.
"""

import io
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "outreach.settings")
os.environ.setdefault("DEMO_PASSWORD", "bench-floor-pass-1")
os.environ["CELERY_BROKER_URL"] = ""  # audits in process: the pages read stored results

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_databases, teardown_databases  # noqa: E402

PAGES = {
    "robots.txt (the trivial view)": "/robots.txt",
    "member floor: session + user + membership, no template": "/bench/floor/demo/",
    "member frame: the floor + base.html": "/bench/frame/demo/",
    "dashboard (results cached)": "/o/demo/dashboard/",
    "run page (results cached)": "/o/demo/audits/2/",
}


def milliseconds(client: Client, path: str, n: int = 300) -> float:
    """The best of five rounds of `n` requests, per request."""
    for _ in range(20):
        assert client.get(path).status_code == 200, path
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(n):
            client.get(path)
        rounds.append((time.perf_counter() - start) / n * 1000)
    return min(rounds)


def main() -> None:
    settings.ROOT_URLCONF = "bench.floor_urls"
    settings.DEBUG = False
    databases = setup_databases(verbosity=0, interactive=False)
    try:
        call_command("seed_demo", stdout=io.StringIO())
        for _ in range(2):
            call_command("run_audit", "demo", stdout=io.StringIO())
        client = Client()
        client.force_login(get_user_model().objects.get(username="manager@demo.example"))
        figures = {name: milliseconds(client, path) for name, path in PAGES.items()}
    finally:
        teardown_databases(databases, verbosity=0)
    trivial = figures["robots.txt (the trivial view)"]
    print(f"{connection.vendor}, in process; ratio = robots.txt's time / the page's")
    for name, ms in figures.items():
        print(f"{ms:8.3f} ms   ratio {trivial / ms:6.3f}   {name}")


if __name__ == "__main__":
    main()
