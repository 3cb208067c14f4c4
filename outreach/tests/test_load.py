"""A bounded load test: 50 concurrent clients for LOAD_SECONDS (60 by default) against gunicorn
and PostgreSQL on loopback, reading dashboards and audit pages and saving the plan. It stops by
itself. Asserted: no server error and no failed connection, and every save the server accepted
is in the plan exactly once (its version and its change log moved by that many).

Each client is a person in a browser: it logs in, opens pages, and saves the plan editor's form
as the page gave it, with one field changed. Saves based on a version someone else has already
moved past are refused (409) by the stale-save check, as they should be; they are counted apart.
"""

import http.cookiejar
import os
import random
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.urls import reverse

from audits.runs.services import audit_run_now
from audits.tests.plans import plan_with_channels
from conftest import PASSWORD, subprocess_database_url
from outreach.models import ChangeRecord, Membership
from outreach.tests.factories import MembershipFactory, OrganizationFactory, UserFactory
from outreach.tests.served import HOST, Server, manage, production_env
from strategy.models import StrategyPlan
from strategy.tests.editor import form_fields

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

CLIENTS = 50
SECONDS = float(os.environ.get("LOAD_SECONDS", 60))


class KeepRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 302 is an answer to count, not to follow


class Person:
    def __init__(self, base, email, stats, lock):
        self.base, self.stats, self.lock = base, stats, lock
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), KeepRedirects
        )
        self.get("/login/")  # sets the CSRF cookie
        status, _ = self.post("/login/", [("username", email), ("password", PASSWORD)])
        assert status == 302, f"{email} could not log in ({status})"

    def count(self, what):
        with self.lock:
            self.stats[what] += 1

    def send(self, path, data=None):
        method = "POST" if data else "GET"
        # Always http://127.0.0.1 (the server this test started), never a URL from outside.
        request = urllib.request.Request(self.base + path, data=data, method=method)  # noqa: S310
        try:
            with self.opener.open(request, timeout=60) as response:
                status, body = response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            status, body = error.code, error.read().decode("utf-8", "replace")
        except OSError as error:
            self.count(f"connection failed: {type(error).__name__}")
            return None, ""
        self.count(f"{status // 100}xx")
        return status, body

    def get(self, path):
        return self.send(path)[1]

    def post(self, path, fields, **changes):
        """Post `fields` as the form gave them, with `changes` replacing or adding fields."""
        token = next(c.value for c in self.jar if c.name == "csrftoken")
        fields = [(k, v) for k, v in fields if k not in changes and k != "csrfmiddlewaretoken"]
        fields += [("csrfmiddlewaretoken", token), *changes.items()]
        return self.send(path, urllib.parse.urlencode(fields).encode())

    @staticmethod
    def form(page, form_id):
        return list(form_fields(page, form_id).items())


def test_fifty_clients_for_a_minute_no_server_error_every_save_counted_once(tmp_path):
    database_url = subprocess_database_url()
    organization = OrganizationFactory(slug="load")
    plan_with_channels(organization, 8, activities_each=4)
    audit_run_now(organization=organization)
    # The server checks passwords with the production hasher, not the tests' fast one: one hash
    # made with it serves for everybody.
    password = PBKDF2PasswordHasher().encode(PASSWORD, "loadtestsalt")
    users = []
    for i in range(CLIENTS):
        role = Membership.Role.COMMS if i % 2 else Membership.Role.MANAGER
        user = UserFactory(email=f"person{i}@load.example")
        MembershipFactory(user=user, organization=organization, role=role)
        users.append(user)
    type(users[0]).objects.filter(pk__in=[u.pk for u in users]).update(password=password)
    plan = StrategyPlan.objects.get(organization=organization)
    version_before, changes_before = plan.version, ChangeRecord.objects.count()
    paths = {
        "plan": reverse("strategy:plan", args=["load"]),
        "dashboard": reverse("dashboard:show", args=["load"]),
        "runs": reverse("audits:runs", args=["load"]),
        "run": reverse("audits:run", args=["load", 1]),
    }

    env = production_env(
        tmp_path,
        database_url,
        DJANGO_BEHIND_TLS_PROXY="0",
        DJANGO_SSL_REDIRECT="0",  # plain HTTP on loopback, no proxy in front
        DJANGO_SECURE_COOKIES="0",
        GUNICORN_WORKERS=str(2 * (os.cpu_count() or 1) + 1),  # gunicorn.conf.py's own default
    )
    manage(env, "collectstatic", "--noinput")
    log = tmp_path / "gunicorn.log"
    server = Server(env, log)
    stats, lock = Counter(), threading.Lock()
    saves = Counter()
    try:
        base = f"http://{HOST}:{server.port}"

        def person(index):
            user = users[index]
            who = Person(base, user.email, stats, lock)
            rng = random.Random(index)
            stop_at = started + SECONDS
            n = 0
            while time.monotonic() < stop_at:
                if index % 2 and rng.random() < 0.4:  # comms members edit the plan
                    page = who.get(paths["plan"])
                    fields = who.form(page, "plan-form")
                    if not fields:
                        continue
                    n += 1
                    status, _ = who.post(
                        paths["plan"],
                        fields,
                        **{"plan-title": f"Plan {index}.{n}", "action": "save"},
                    )
                    with lock:
                        saves[{302: "accepted", 409: "refused as stale"}.get(status, status)] += 1
                else:
                    who.get(paths[rng.choice(["dashboard", "dashboard", "runs", "run"])])

        started = time.monotonic()
        threads = [threading.Thread(target=person, args=(i,)) for i in range(CLIENTS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=SECONDS + 180)
        elapsed = time.monotonic() - started
    finally:
        server.stop()

    plan.refresh_from_db()
    requests = sum(v for k, v in stats.items() if k.endswith("xx"))
    print(
        f"\n{CLIENTS} clients, {elapsed:.0f} s: {requests} requests ({requests / elapsed:.0f}/s), "
        f"{dict(stats)}; saves {dict(saves)}"
    )
    assert not any(thread.is_alive() for thread in threads)
    assert stats["5xx"] == 0, log.read_text()[-5000:]
    assert not [k for k in stats if k.startswith("connection failed")], dict(stats)
    assert saves["accepted"] > 0 and set(saves) <= {"accepted", "refused as stale"}, dict(saves)
    assert plan.version - version_before == saves["accepted"]
    assert ChangeRecord.objects.count() - changes_before == saves["accepted"]
