"""Benchmarks of the pages and the audit, small against large plans, in one run.

    make bench        (or: DJANGO_DEBUG=1 .venv/bin/python bench/run.py)

It builds throw-away organizations in a temporary SQLite database, then times each operation
on a small and a large plan and prints the medians, the query counts and the ratio large/small.
Ratios, not absolute times, are the figure to watch: they say how cost grows with the plan,
and they hold from one machine to another. Nothing here asserts a time.
"""

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATABASE = Path(tempfile.mkdtemp()) / "bench.sqlite3"
os.environ.update(
    DJANGO_SETTINGS_MODULE="outreach.settings",
    DJANGO_DEBUG="1",
    DATABASE_URL=f"sqlite:///{DATABASE}",
    CELERY_BROKER_URL="",
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
REPEATS = 7


def build(slug: str, n_channels: int, activities_each: int, audits: int):
    from audits.runs.services import audit_run_now
    from audits.tests.plans import plan_with_channels
    from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    organization = OrganizationFactory(slug=slug)
    plan_with_channels(organization, n_channels, activities_each=activities_each)
    for _ in range(audits):
        audit_run_now(organization=organization)
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role="manager")
    client = Client()
    client.force_login(user)
    return organization, client


def measure(operation) -> tuple[float, int]:
    """Median seconds over REPEATS runs, and the queries of one run."""
    operation()  # warm caches (templates, URL resolvers)
    queries = []

    def count(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        operation()
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        operation()
        times.append(time.perf_counter() - start)
    return statistics.median(times), len(queries)


def main() -> None:
    from audits.rubric import audit_plan
    from audits.runs.selectors import plan_snapshot_load
    from audits.runs.services import audit_run_now

    call_command("migrate", verbosity=0)
    sizes = {"small": (5, 4, 12), "large": (50, 6, 12)}  # channels, activities each, audits
    built = {name: build(f"bench-{name}", *size) for name, size in sizes.items()}

    def operations(organization, client):
        slug = organization.slug
        snapshot = plan_snapshot_load(organization=organization).snapshot
        return {
            "rubric (pure, in memory)": lambda: audit_plan(snapshot),
            "audit run (load, score, store)": lambda: audit_run_now(organization=organization),
            "plan editor page": lambda: client.get(reverse("strategy:plan", args=[slug])),
            "dashboard page": lambda: client.get(reverse("dashboard:show", args=[slug])),
            "audit run page": lambda: client.get(
                reverse("audits:run", args=[slug, organization.audit_runs.first().number])
            ),
        }

    results = {name: operations(*built[name]) for name in sizes}
    small, large = sizes["small"], sizes["large"]
    print(
        f"small: {small[0]} channels, {small[0] * small[1]} activities; "
        f"large: {large[0]} channels, {large[0] * large[1]} activities; "
        f"median of {REPEATS} runs; SQLite"
    )
    print(f"{'operation':34} {'small ms':>9} {'large ms':>9} {'ratio':>6} {'queries s/l':>12}")
    for operation in results["small"]:
        t_small, q_small = measure(results["small"][operation])
        t_large, q_large = measure(results["large"][operation])
        print(
            f"{operation:34} {t_small * 1000:9.1f} {t_large * 1000:9.1f} "
            f"{t_large / t_small:6.1f} {q_small:>5} / {q_large:<5}"
        )
    size_ratio = (large[0] * large[1]) / (small[0] * small[1])
    print(f"(the large plan has {size_ratio:.0f}× the activities of the small one)")


if __name__ == "__main__":
    main()
