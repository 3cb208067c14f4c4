"""gunicorn's settings for `make serve` (gunicorn reads this file from the working directory).
Each can be changed through the environment; the README's "Production" section explains them."""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# Sync workers: the pages are quick and the database does the waiting. Two per core, plus one,
# as gunicorn suggests; on this 2-core machine, 5.
workers = int(os.environ.get("GUNICORN_WORKERS", 2 * (os.cpu_count() or 1) + 1))
# A request still running after this is killed (and logged): the plan editor's largest save
# takes a few seconds, a plan file upload is bounded by strategy.planfile's limits.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
graceful_timeout = 30
keepalive = 5
# Workers are replaced now and then, so a slow leak cannot grow for ever.
max_requests = 2000
max_requests_jitter = 200
accesslog = "-"
errorlog = "-"
# Trust X-Forwarded-* only from the proxy in front (DJANGO_BEHIND_TLS_PROXY covers the scheme).
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
