"""The benchmark: what a person sizing a deployment wants to know, measured in one run, each
figure as a ratio or a count that holds from one machine to another, with its budget.

    make bench                      (BENCH_SCALE=tiny: the same keys in seconds, for the tests)

It writes bench/results.json (every key of BUDGETS, the figures behind each, the machine and the
mode) and prints a table. With DATABASE_URL naming PostgreSQL and CELERY_BROKER_URL naming Redis
(as in CI) it uses them: a fresh database `<name>_bench` on that server and real Celery workers;
otherwise a temporary SQLite file and tasks in-process. Pages are served by gunicorn (debug off,
2 workers) and loaded by wrk (Debian's package; `make bench` installs it) on loopback.
Nothing here asserts a time: the suite runs it tiny and checks that every key comes out.
"""

import http.client
import json
import os
import platform
import resource
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
TINY = os.environ.get("BENCH_SCALE") == "tiny"
WORK = Path(tempfile.mkdtemp(prefix="outreach-bench-"))
RESULTS = Path(os.environ.get("BENCH_RESULTS", ROOT / "bench" / "results.json"))


def _database_url() -> tuple[str, str]:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        parts = urllib.parse.urlsplit(url)
        name = parts.path.lstrip("/") + "_bench"
        import psycopg2

        admin = psycopg2.connect(
            dbname="postgres",
            user=parts.username,
            password=parts.password,
            host=parts.hostname,
            port=parts.port or 5432,
        )
        admin.autocommit = True
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        admin.close()
        return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), "PostgreSQL"
    return f"sqlite:///{WORK / 'bench.sqlite3'}", "SQLite"


DATABASE_URL, DATABASE_KIND = _database_url()
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
os.environ.update(
    DJANGO_SETTINGS_MODULE="outreach.settings",
    DJANGO_DEBUG="1",
    DATABASE_URL=DATABASE_URL,
    CELERY_BROKER_URL=BROKER_URL,
    LOG_LEVEL="WARNING",
)

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# key: (budget, "min" when the figure must be at least the budget, "max" at most, "equal")
BUDGETS = {
    "editor_ratio_20_300": (0.02, "min"),
    "editor_ratio_50_1000": (0.01, "min"),
    "editor_html_kb_50_1000": (800, "max"),
    "editor_ms_growth": (15, "max"),
    "dashboard_ratio": (0.25, "min"),
    "run_page_ratio": (0.25, "min"),
    "audit_channels_per_s": (1000, "min"),
    "audit_overhead_ratio": (10, "max"),
    "weekly_report_seconds_1000_orgs": (30, "max"),
    "import_plan_queries_8_channels": (60, "max"),
    "worker_peak_rss_mb": (200, "max"),
    "dashboard_queries_small": (None, "equal"),
    "dashboard_queries_large": (None, "equal"),
    "editor_queries_small": (None, "equal"),
    "editor_queries_large": (None, "equal"),
}
ORGANIZATIONS = 20 if TINY else 1000
WRK_SECONDS = 1 if TINY else 10
REPEATS = 2 if TINY else 5


# Building data ------------------------------------------------------------------------------


def organization_with_plan(slug, channels, activities_each, audits=0, role="manager"):
    from audits.runs.services import audit_run_now
    from audits.tests.plans import plan_with_channels
    from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory

    organization = OrganizationFactory(slug=slug)
    plan_with_channels(organization, channels, activities_each=activities_each)
    for _ in range(audits):
        audit_run_now(organization=organization)
    user = UserFactory()
    MembershipFactory(user=user, organization=organization, role=role)
    client = Client()
    client.force_login(user)
    return organization, client


def clone_organizations(template, n: int, managers_each: int = 2) -> list:
    """`n` copies of the template organization's channels, people and plan, written with bulk
    statements (building a thousand organizations through the factories would take minutes)."""
    from django.contrib.auth import get_user_model

    from outreach.models import Assignment, Channel, Membership, Organization, StaffMember
    from strategy.models import ChannelLink, PlannedActivity, StrategyPlan

    def fields(obj, **changes):
        values = {
            f.attname: getattr(obj, f.attname)
            for f in obj._meta.concrete_fields
            if not f.primary_key
        }
        values.update(changes)
        return type(obj)(**values)

    copies = Organization.objects.bulk_create(
        fields(template, name=f"Bench {i}", slug=f"bench-{i}") for i in range(n)
    )
    channels = list(Channel.objects.filter(organization=template).order_by("id"))
    staff = list(StaffMember.objects.filter(organization=template).order_by("id"))
    plan = StrategyPlan.objects.get(organization=template)
    new_channels = Channel.objects.bulk_create(
        fields(c, organization_id=o.pk) for o in copies for c in channels
    )
    new_staff = StaffMember.objects.bulk_create(
        fields(s, organization_id=o.pk) for o in copies for s in staff
    )
    new_plans = StrategyPlan.objects.bulk_create(fields(plan, organization_id=o.pk) for o in copies)
    channel_of = {
        (o.pk, c.pk): new_channels[i * len(channels) + j].pk
        for i, o in enumerate(copies)
        for j, c in enumerate(channels)
    }
    staff_of = {
        (o.pk, s.pk): new_staff[i * len(staff) + j].pk
        for i, o in enumerate(copies)
        for j, s in enumerate(staff)
    }

    def ch(o, pk):
        return channel_of[(o.pk, pk)] if pk else None

    Assignment.objects.bulk_create(
        fields(a, channel_id=ch(o, a.channel_id), staff_id=staff_of[(o.pk, a.staff_id)])
        for o in copies
        for a in Assignment.objects.filter(channel__organization=template)
    )
    activities = list(PlannedActivity.objects.filter(plan=plan))
    links = list(ChannelLink.objects.filter(plan=plan))
    PlannedActivity.objects.bulk_create(
        fields(
            a,
            plan_id=p.pk,
            channel_id=ch(o, a.channel_id),
            links_to_id=ch(o, a.links_to_id),
            owner_id=staff_of.get((o.pk, a.owner_id)),
        )
        for o, p in zip(copies, new_plans, strict=True)
        for a in activities
    )
    ChannelLink.objects.bulk_create(
        fields(
            link,
            plan_id=p.pk,
            from_channel_id=ch(o, link.from_channel_id),
            to_channel_id=ch(o, link.to_channel_id),
        )
        for o, p in zip(copies, new_plans, strict=True)
        for link in links
    )
    User = get_user_model()
    users = User.objects.bulk_create(
        User(username=f"m{i}-{k}@bench.example", email=f"m{i}-{k}@bench.example", password="!")
        for i in range(n)
        for k in range(managers_each)
    )
    Membership.objects.bulk_create(
        Membership(user=u, organization=copies[i // managers_each], role="manager")
        for i, u in enumerate(users)
    )
    return copies


# Measuring ----------------------------------------------------------------------------------


def median_ms(operation) -> float:
    operation()  # warm: templates, URL resolvers, caches
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        operation()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def queries_of(operation) -> int:
    # Debug mode keeps the last 9,000 queries; a full log would count none of these.
    connection.queries_log.clear()
    with CaptureQueriesContext(connection) as queries:
        operation()
    return len(queries)


class Server:
    """gunicorn with debug off on the bench database, for wrk to load."""

    def __init__(self):
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
        env.update(
            DJANGO_ENV_FILE=str(WORK / "no.env"),
            DJANGO_DEBUG="0",
            # The sessions made here must be valid there: the same key signs them.
            DJANGO_SECRET_KEY=settings.SECRET_KEY,
            DJANGO_ALLOWED_HOSTS="127.0.0.1",
            DJANGO_SSL_REDIRECT="0",
            DJANGO_SECURE_COOKIES="0",
            DJANGO_STATIC_ROOT=str(WORK / "static"),
            GUNICORN_BIND=f"127.0.0.1:{self.port}",
            GUNICORN_WORKERS="2",
        )
        manage = [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"]
        subprocess.run(manage, cwd=ROOT, env=env, check=True)
        self.log = open(WORK / "gunicorn.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "outreach.wsgi"],
            cwd=ROOT,
            env=env,
            stdout=self.log,
            stderr=self.log,
        )
        for _ in range(300):
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("gunicorn did not start; see " + str(WORK / "gunicorn.log"))

    def requests_per_second(self, path: str, client: Client | None = None) -> float:
        command = ["wrk", "-t2", "-c4", f"-d{WRK_SECONDS}s"]
        headers = {}
        if client is not None:
            session = client.cookies[settings.SESSION_COOKIE_NAME].value
            headers["Cookie"] = f"{settings.SESSION_COOKIE_NAME}={session}"
            command += ["-H", f"Cookie: {headers['Cookie']}"]
        # wrk counts a redirect (to the login page, say) as success: check the page itself first.
        probe = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        probe.request("GET", path, headers=headers)
        status = probe.getresponse().status
        probe.close()
        if status != 200:
            raise RuntimeError(f"{path} answered {status}, not the page")
        out = subprocess.run(
            [*command, f"http://127.0.0.1:{self.port}{path}"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        if "Non-2xx" in out:
            raise RuntimeError(f"{path} answered errors under load:\n{out}")
        return float(next(line for line in out.splitlines() if "Requests/sec" in line).split()[-1])

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=30)
        self.log.close()


def pages(figures: dict) -> None:
    sizes = {"5_20": (5, 4), "20_300": (20, 15), "50_1000": (50, 20)}
    editors = {
        key: organization_with_plan(f"ed-{key}", *size, role="comms") for key, size in sizes.items()
    }

    def editor(key):
        organization, client = editors[key]
        return lambda: client.get(reverse("strategy:plan", args=[organization.slug]))

    figures["editor_ms_5_20"] = median_ms(editor("5_20"))
    figures["editor_ms_50_1000"] = median_ms(editor("50_1000"))
    figures["editor_ms_growth"] = figures["editor_ms_50_1000"] / figures["editor_ms_5_20"]
    figures["editor_html_kb_50_1000"] = len(editor("50_1000")().content) / 1024
    figures["editor_queries_small"] = queries_of(editor("5_20"))
    figures["editor_queries_large"] = queries_of(editor("50_1000"))

    small = organization_with_plan("dash-small", 5, 3, audits=2)
    large = organization_with_plan("dash-large", 30, 4, audits=12)

    def dashboard(built):
        organization, client = built
        return lambda: client.get(reverse("dashboard:show", args=[organization.slug]))

    figures["dashboard_queries_small"] = queries_of(dashboard(small))
    figures["dashboard_queries_large"] = queries_of(dashboard(large))

    server = Server()
    try:
        # The trivial view: /robots.txt, a constant answer through the whole middleware stack.
        trivial = server.requests_per_second(reverse("robots"))
        figures["trivial_view_req_s"] = trivial
        for key in ("20_300", "50_1000"):
            organization, client = editors[key]
            rate = server.requests_per_second(
                reverse("strategy:plan", args=[organization.slug]), client
            )
            figures[f"editor_req_s_{key}"] = rate
            figures[f"editor_ratio_{key}"] = rate / trivial
        organization, client = large
        rate = server.requests_per_second(
            reverse("dashboard:show", args=[organization.slug]), client
        )
        figures["dashboard_req_s"], figures["dashboard_ratio"] = rate, rate / trivial
        run = organization.audit_runs.order_by("-number").first()
        rate = server.requests_per_second(
            reverse("audits:run", args=[organization.slug, run.number]), client
        )
        figures["run_page_req_s"], figures["run_page_ratio"] = rate, rate / trivial
    finally:
        server.stop()


def audits(figures: dict) -> None:
    from audits.models import AuditRun
    from audits.rubric import audit_plan
    from audits.runs.selectors import plan_snapshots_load
    from audits.runs.tasks import audit_all_organizations
    from outreach.models import Organization

    template, _ = organization_with_plan("audit-template", 8, 3)
    organizations = clone_organizations(template, ORGANIZATIONS)
    loaded = plan_snapshots_load(organizations=organizations)
    snapshots = [plan.snapshot for plan in loaded.values()]
    start = time.perf_counter()
    for snapshot in snapshots:
        audit_plan(snapshot)
    rubric_rate = 8 * len(snapshots) / (time.perf_counter() - start)
    figures["rubric_channels_per_s"] = rubric_rate

    everyone = Organization.objects.count()
    workers = []
    start = time.perf_counter()
    if BROKER_URL:
        from outreach.celery import app

        app.control.purge()
        env = {**os.environ, "DJANGO_DEBUG": "0", "DJANGO_SECRET_KEY": "bench-" + "s" * 50}
        for n in range(2):  # one worker per core
            workers.append(
                subprocess.Popen(
                    [sys.executable, "-m", "celery", "-A", "outreach", "worker", "-c", "1"]
                    + [
                        "--without-mingle",
                        "--without-gossip",
                        "-n",
                        f"bench{n}@%h",
                        "-l",
                        "WARNING",
                    ],
                    cwd=ROOT,
                    env=env,
                )
            )
        time.sleep(3)  # the workers connect
        start = time.perf_counter()
        audit_all_organizations.delay()
        figures["audit_mode"] = "2 Celery workers on Redis"
    else:
        audit_all_organizations.delay()  # tasks run in-process
        figures["audit_mode"] = "in-process (no broker configured)"
    while AuditRun.objects.filter(trigger="schedule", status="done").count() < everyone:
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    channels = sum(len(s.channels) for s in snapshots)
    figures["audit_channels_per_s"] = channels / elapsed
    figures["audit_overhead_ratio"] = rubric_rate / figures["audit_channels_per_s"]
    if workers:
        figures["worker_peak_rss_mb"] = max(peak_rss_mb(w.pid) for w in workers)
        for worker in workers:
            worker.terminate()
            worker.wait(timeout=60)
    else:
        figures["worker_peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    figures["audit_organizations"] = ORGANIZATIONS


def peak_rss_mb(pid: int) -> float:
    """The worker's peak memory, children (the prefork pool) included."""
    total = 0
    for task in [pid, *children(pid)]:
        for line in Path(f"/proc/{task}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                total += int(line.split()[1])
    return total / 1024


def children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if int((entry / "stat").read_text().split()[3]) == pid:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def weekly_reports(figures: dict) -> None:
    from aiosmtpd.controller import Controller
    from django.core import mail

    from audits.reports.services import weekly_reports_dispatch
    from outreach.models import Organization

    received = []

    class Sink:
        async def handle_DATA(self, server, session, envelope):
            received.append(envelope.rcpt_tos[0])
            return "250 OK"

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(Sink(), hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    mail.outbox = []
    organizations = list(Organization.objects.filter(slug__startswith="bench-"))
    start = time.perf_counter()
    weekly_reports_dispatch(organizations=organizations, ignore_schedule=True, send_now=True)
    elapsed = time.perf_counter() - start
    controller.stop()
    expected = 2 * len(organizations)
    if len(received) != expected or len(set(received)) != expected:
        raise RuntimeError(f"{len(received)} messages for {expected} addresses")
    figures["weekly_report_organizations"] = len(organizations)
    figures["weekly_report_messages"] = len(received)
    # Scaled to 1,000 organizations when the run is tiny (it is linear in them).
    figures["weekly_report_seconds_1000_orgs"] = elapsed * 1000 / len(organizations)


def plan_import(figures: dict) -> None:
    from outreach.models import Organization
    from strategy.selectors import plan_document
    from strategy.services.planfile_import import plan_import as import_document

    template = Organization.objects.get(slug="audit-template")
    document = plan_document(organization=template)
    document["organization"] = {**document["organization"], "slug": "imported", "name": "Imp"}
    figures["import_plan_queries_8_channels"] = queries_of(
        lambda: import_document(document=document)
    )


def main() -> None:
    call_command("migrate", verbosity=0)
    figures = {}
    for part in (pages, audits, weekly_reports, plan_import):
        part(figures)
    verdicts = {}
    for key, (budget, kind) in BUDGETS.items():
        value = figures[key]
        if kind == "equal":
            pair = key.rsplit("_", 1)[0]
            held = figures[f"{pair}_small"] == figures[f"{pair}_large"]
        else:
            held = value >= budget if kind == "min" else value <= budget
        verdicts[key] = {"value": round(value, 4), "budget": budget, "kind": kind, "held": held}
    report = {
        "scale": "tiny" if TINY else "full",
        "database": DATABASE_KIND,
        "broker": "Redis" if BROKER_URL else "none (in-process)",
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}",
        "budgets": verdicts,
        "figures": {k: round(v, 4) if isinstance(v, float) else v for k, v in figures.items()},
    }
    RESULTS.write_text(json.dumps(report, indent=2) + "\n")
    print(
        f"{report['scale']} run on {report['machine']}; {DATABASE_KIND}, broker {report['broker']}"
    )
    print(f"{'key':34} {'value':>12} {'budget':>10}  held")
    for key, verdict in verdicts.items():
        budget = (
            "= pair"
            if verdict["kind"] == "equal"
            else f"{'≥' if verdict['kind'] == 'min' else '≤'} {verdict['budget']}"
        )
        print(f"{key:34} {verdict['value']:>12} {budget:>10}  {'yes' if verdict['held'] else 'NO'}")
    print(f"written to {RESULTS}")
    shutil.rmtree(WORK, ignore_errors=True)


if __name__ == "__main__":
    main()
