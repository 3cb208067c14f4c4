# `make run` and `make test` work on a fresh clone: they create the virtual environment,
# install the pinned requirements and write a local .env on first use.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: run serve test lint format worker beat bench bench-floor check-evidence audit-deps clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: requirements.txt | $(BIN)/activate
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

# A local .env for development: debug on, a random secret key. The real environment wins over it.
.env:
	@echo "Writing .env (development settings; see .env.example for every variable)"
	@printf 'DJANGO_DEBUG=1\nDJANGO_SECRET_KEY=%s\n' "$$($(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(40))')" > .env

# HOST=0.0.0.0:8080 make run serves elsewhere; links in emails (SITE_URL) follow it unless set.
run: export SITE_URL ?= http://$(HOST)
# Anyone may sign up and create an organization on this development server (docs/accounts.md).
run: export SIGNUP ?= open
run: $(VENV)/.installed .env
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py run_audit demo
	@echo "Serving on http://$(HOST)/ (links in emails: $$SITE_URL); Ctrl-C stops"
	$(BIN)/python manage.py runserver $(HOST)

# Production: the settings come from the environment (DJANGO_DEBUG=0, DJANGO_SECRET_KEY,
# DJANGO_ALLOWED_HOSTS, DATABASE_URL, CELERY_BROKER_URL, …; see the README's "Production"). It
# refuses to start while `check --deploy` finds anything, then migrates, collects the static files
# and starts gunicorn (gunicorn.conf.py). The worker and beat run beside it (`make worker`, `make beat`).
serve: $(VENV)/.installed
	$(BIN)/python manage.py check --deploy --fail-level WARNING
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py collectstatic --noinput --verbosity 0
	$(BIN)/gunicorn outreach.wsgi

# axe-core (npm), which the browser tests inject into every page they visit.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	touch $@

test: $(VENV)/.installed .env node_modules/.installed
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest

lint: $(VENV)/.installed
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# The benchmark: every budget of bench/run.py measured in one run, written to bench/results.json.
bench: $(VENV)/.installed
	@command -v wrk >/dev/null || (echo "Installing wrk (Debian's package), the load generator"; \
		apt-get install -y -qq wrk >/dev/null)
	$(BIN)/python bench/run.py

# What any member page costs before its own work, against /robots.txt (README, "Performance").
bench-floor: $(VENV)/.installed
	$(BIN)/python bench/floor.py

# The importers against the real export files of ../shared/evidence (when that folder is there):
# a throw-away database, every file imported, actual_activity's totals against the files' own.
check-evidence: $(VENV)/.installed
	$(BIN)/python bench/check_evidence.py ../shared/evidence

# Known vulnerabilities in the pinned requirements (pip-audit, in a virtual environment of its
# own so it never changes what the app runs with). CI runs it; see .ci/audit_dependencies.py.
PIP_AUDIT := .venv-audit/bin/pip-audit
$(PIP_AUDIT):
	$(PYTHON) -m venv .venv-audit
	.venv-audit/bin/pip install --quiet pip-audit==2.10.1

audit-deps: $(PIP_AUDIT)
	$(PIP_AUDIT) -r requirements.txt --no-deps --disable-pip --progress-spinner off \
		--format json --output .venv-audit/report.json || true
	$(PYTHON) .ci/audit_dependencies.py .venv-audit/report.json

# With CELERY_BROKER_URL set: the worker, and beat for the weekly schedule.
worker: $(VENV)/.installed .env
	$(BIN)/celery -A outreach worker --loglevel=info

beat: $(VENV)/.installed .env
	$(BIN)/celery -A outreach beat --loglevel=info

clean:
	rm -rf $(VENV) .venv-audit db.sqlite3 test-artifacts staticfiles node_modules
