"""A whole worker killed during an audit (SIGKILL: what an out-of-memory kill or a careless deploy
does), on the real broker and database: a new worker takes the run up again and completes it.

The worker runs as a separate process group, as in production, on the test database in
PostgreSQL (SQLite's test database lives in this process's memory; CI has PostgreSQL). To kill it
*during* the audit, the test holds a lock on the channels table: the worker claims the run, then
waits on the lock while loading the plan, and is killed there.
"""

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import psycopg2
import pytest
from django.db import connection

from audits.models import AuditRun
from audits.runs.services import audit_run_create
from audits.runs.tasks import audit_organization
from audits.tests.plans import plan_with_channels
from audits.tests.runs.test_tasks import require_broker, wait_for
from conftest import TEST_BROKER_URL, subprocess_database_url
from outreach.celery import app
from outreach.tests.factories import OrganizationFactory

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

PROJECT = Path(__file__).resolve().parents[3]
# Short limits so the test waits seconds, not minutes; the defaults' own bound (under five
# minutes) is asserted in test_reliability.py.
LIMITS = {
    "CELERY_TASK_SOFT_TIME_LIMIT": "20",
    "CELERY_TASK_TIME_LIMIT": "25",
    "CELERY_VISIBILITY_TIMEOUT": "30",
}


def start_worker(log: Path) -> subprocess.Popen:
    env = {
        **os.environ,
        **LIMITS,
        "DATABASE_URL": subprocess_database_url(),
        "CELERY_BROKER_URL": TEST_BROKER_URL,
    }
    command = [sys.executable, "-m", "celery", "-A", "outreach", "worker", "--pool=prefork"]
    command += ["--concurrency=1", "--without-mingle", "--without-gossip", "--loglevel=INFO"]
    command += ["-n", f"fault-{uuid.uuid4().hex[:8]}@%h"]
    with log.open("ab") as out:
        # A process group of its own: the whole worker, parent and children, is killed at once.
        return subprocess.Popen(
            command, cwd=PROJECT, env=env, stdout=out, stderr=out, start_new_session=True
        )


def stop(worker: subprocess.Popen, sig=signal.SIGTERM) -> None:
    if worker.poll() is None:
        os.killpg(worker.pid, sig)
        try:
            worker.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()


def lock_channels():
    """Another session holding the channels table: the worker's plan load waits on it."""
    db = connection.settings_dict
    holder = psycopg2.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"] or "127.0.0.1", port=db["PORT"] or 5432
    )
    holder.cursor().execute("LOCK TABLE outreach_channel IN ACCESS EXCLUSIVE MODE")
    return holder


def test_a_run_survives_its_whole_worker_being_killed_mid_audit(tmp_path):
    url = subprocess_database_url()
    assert url  # PostgreSQL is there
    require_broker(TEST_BROKER_URL)
    organization = OrganizationFactory()
    plan_with_channels(organization, 3)
    run, _ = audit_run_create(organization=organization)
    log = tmp_path / "workers.log"
    app.control.purge()
    holder = lock_channels()
    first = start_worker(log)
    second = None
    app.conf.task_always_eager = False
    try:
        audit_organization.delay(organization.pk, run_id=run.pk)
        try:
            wait_for(lambda: AuditRun.objects.get(pk=run.pk).status == "running", seconds=90)
        except AssertionError as error:
            tail = log.read_text()[-3000:]
            raise AssertionError(f"the worker never claimed the run:\n{tail}") from error
        time.sleep(1)  # the worker is now waiting on the lock, inside the audit
        stop(first, signal.SIGKILL)
        killed_at = time.monotonic()
        holder.rollback()
        holder.close()
        second = start_worker(log)
        wait_for(lambda: AuditRun.objects.get(pk=run.pk).is_finished, seconds=300)
        took = time.monotonic() - killed_at
    finally:
        app.conf.task_always_eager = True
        if not holder.closed:
            holder.close()
        stop(first, signal.SIGKILL)
        if second is not None:
            stop(second)
    run.refresh_from_db()
    print(f"\nredelivered and completed {took:.0f} s after the kill")
    assert run.status == "done", (run.error, log.read_text()[-3000:])
    assert run.attempts == 2 and run.interruptions == 1
    assert run.scores.count() == 3
