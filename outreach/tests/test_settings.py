"""Settings come from the environment alone and fall back to embedded defaults."""

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import json, django
from django.conf import settings
django.setup()
print(json.dumps({
    "engine": settings.DATABASES["default"]["ENGINE"],
    "db_name": str(settings.DATABASES["default"]["NAME"]),
    "eager": settings.CELERY_TASK_ALWAYS_EAGER,
    "broker": settings.CELERY_BROKER_URL,
    "email": settings.EMAIL_BACKEND,
    "email_host": getattr(settings, "EMAIL_HOST", ""),
    "debug": settings.DEBUG,
}))
"""


def load_settings(**variables):
    """Import the settings in a fresh interpreter whose environment holds only `variables`."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "outreach.settings",
        "DJANGO_ENV_FILE": "/nonexistent/.env",  # no .env file: the environment alone
        **variables,
    }
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True
    )
    return result


def test_fresh_machine_defaults_are_sqlite_in_process_tasks_and_console_email():
    result = load_settings(DJANGO_DEBUG="1")
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.sqlite3"
    assert loaded["db_name"].endswith("db.sqlite3")
    assert loaded["eager"] is True
    assert loaded["email"] == "django.core.mail.backends.console.EmailBackend"


def test_services_are_used_when_configured():
    result = load_settings(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY="x" * 50,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/outreach",
        CELERY_BROKER_URL="redis://127.0.0.1:6379/0",
        EMAIL_URL="smtp://127.0.0.1:2525",
    )
    assert result.returncode == 0, result.stderr
    loaded = json.loads(result.stdout)
    assert loaded["engine"] == "django.db.backends.postgresql"
    assert loaded["eager"] is False
    assert loaded["broker"] == "redis://127.0.0.1:6379/0"
    assert loaded["email"] == "django.core.mail.backends.smtp.EmailBackend"
    assert loaded["email_host"] == "127.0.0.1"
    assert loaded["debug"] is False


def test_secret_key_is_required_without_debug():
    result = load_settings()
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


def test_check_deploy_is_clean_with_debug_off_a_secret_key_and_the_hosts():
    """Secure defaults whenever debug is off: nothing else needs setting."""
    env = {
        "PATH": os.environ["PATH"],
        "DJANGO_SETTINGS_MODULE": "outreach.settings",
        "DJANGO_ENV_FILE": "/nonexistent/.env",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "k3" * 30 + "-deploy-check-only",
        "DJANGO_ALLOWED_HOSTS": "planner.example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
