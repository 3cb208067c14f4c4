"""Settings, read from the environment alone (django-environ); `.env.example` lists every variable.

On a fresh machine nothing needs setting: SQLite, tasks run in-process, email to the console.
"""

from datetime import timedelta
from pathlib import Path

import environ
from celery.schedules import crontab
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# An optional env file (default .env, written by `make`); the real environment wins over it.
environ.Env.read_env(env.str("DJANGO_ENV_FILE", default=str(BASE_DIR / ".env")))

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-for-debug"  # noqa: S105

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# Who may get a login and create organizations (docs/accounts.md): "off" (the default, for
# production: no sign-up page; invited people still create their login from the invitation;
# only staff users create organizations), "invite" (the same, and any signed-in person may
# create an organization) or "open" (anyone signs up with a confirmed address; `make run`).
SIGNUP = env.str("SIGNUP", default="off")
SIGNUP_CHOICES = ("off", "invite", "open")
# How long a sign-up confirmation link and an invitation link work.
SIGNUP_LINK_DAYS = env.int("SIGNUP_LINK_DAYS", default=3)
INVITATION_DAYS = env.int("INVITATION_DAYS", default=7)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "axes",
    "csp",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "outreach",
    "strategy",
    "audits",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Static files straight after security, before anything that touches the session or database.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "outreach.headers.PermissionsPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login.
    "axes.middleware.AxesMiddleware",
]

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for one username from
# one address, that pair is refused, even with the right password, until the cool-off passes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=10)
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"

ROOT_URLCONF = "outreach.urls"
WSGI_APPLICATION = "outreach.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "outreach.context_processors.memberships",
                "outreach.context_processors.palette",
            ],
        },
    },
]

FORM_RENDERER = "outreach.forms.FormRenderer"

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Django's cache framework: local memory in each process by default; in production one Redis
# shared by every web worker (CACHE_URL=redis://127.0.0.1:6379/1), so a page part rendered for
# one manager is there for the next. Pages cache only what a completed audit run determines.
CACHES = {"default": env.cache_url("CACHE_URL", default="locmemcache://outreach")}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(env.str("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
# With debug off, whitenoise serves the files `collectstatic` wrote, under names that carry
# their content's hash, compressed and cached for a year. With debug on, served as they are.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Email: printed to the console unless EMAIL_URL names an SMTP server (smtp://user:pass@host:port).
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Outreach planner <planner@localhost>")

# Celery: with no broker the tasks run in-process (eagerly), so a fresh machine needs no Redis.
CELERY_BROKER_URL = env.str("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True  # a task whose worker dies is redelivered, not lost
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# The plan editor posts every row of the plan: a plan file may hold 5,000 activities and 2,000
# links of a few fields each, so Django's default of 1,000 fields (a bare 400 that loses the
# person's edits) is far too low. Bounded still, by the plan's own limits (strategy.planfile).
DATA_UPLOAD_MAX_NUMBER_FIELDS = 60_000
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Export files of actual activity larger than this are refused before they are read.
EVIDENCE_MAX_BYTES = env.int("EVIDENCE_MAX_MB", default=20) * 1024 * 1024

CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=120)
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=180)
# Redis hands a task that was taken but never acknowledged (its whole worker was killed: SIGKILL,
# out of memory, a deploy) to another worker after the visibility timeout. Celery's default is an
# hour; this one is just past the hard time limit, so no task still running legitimately is handed
# out twice, and a lost one is redelivered within minutes. A check (outreach.checks) refuses a
# timeout that does not exceed the time limit, or a retry delay that does not fit inside it.
CELERY_VISIBILITY_TIMEOUT = env.int(
    "CELERY_VISIBILITY_TIMEOUT", default=CELERY_TASK_TIME_LIMIT + 60
)
# A task waiting for its retry (an ETA) counts as taken but not acknowledged too: retry delays
# stay below the visibility timeout, or the waiting task would be handed out again meanwhile.
CELERY_RETRY_DELAY_MAX = env.int("CELERY_RETRY_DELAY_MAX", default=120)
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": CELERY_VISIBILITY_TIMEOUT,
    # Look for such tasks every 10 s (kombu's default scans only every 100 s).
    "unacked_restore_interval": 10,
    "unacked_restore_throttle": 1,
    # Fail fast when the broker is away, so a request that enqueues answers within seconds.
    "socket_connect_timeout": 3,
    "socket_timeout": 10,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 3
CELERY_TASK_PUBLISH_RETRY_POLICY = {
    "max_retries": 2,
    "interval_start": 0,
    "interval_step": 0.5,
    "interval_max": 1,
}
# Audit runs and evidence imports queued or running past these limits are swept every minute by
# beat: re-queued while tries remain, else failed with the reason. A task is redelivered after the
# visibility timeout, so "running" past it plus a minute means that redelivery failed too.
WORK_QUEUED_LIMIT = timedelta(seconds=env.int("WORK_QUEUED_LIMIT_SECONDS", default=600))
WORK_RUNNING_LIMIT = timedelta(
    seconds=env.int("WORK_RUNNING_LIMIT_SECONDS", default=CELERY_VISIBILITY_TIMEOUT + 60)
)
# The weekly fan-out audits organizations in batches of this many per task.
AUDIT_BATCH_SIZE = env.int("AUDIT_BATCH_SIZE", default=50)
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TIMEZONE = "UTC"
# Beat's static schedule. The weekly-report dispatcher runs every hour at five past the hour
# (UTC); it sends each organization's report once its chosen weekday and hour, in the
# organization's own time zone, have passed in the current ISO week.
CELERY_BEAT_SCHEDULE = {
    "dispatch-weekly-reports": {
        "task": "audits.reports.tasks.dispatch_weekly_reports",
        "schedule": crontab(minute=5),
    },
    # Audits and imports left waiting or running past their limits: re-queued, or failed with
    # the reason (see WORK_QUEUED_LIMIT above).
    "sweep-stuck-audits": {"task": "audits.runs.tasks.sweep_stuck_runs", "schedule": 60.0},
    "sweep-stuck-imports": {"task": "audits.evidence.tasks.sweep_stuck_imports", "schedule": 60.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
}

# Secure by default whenever debug is off: HTTPS only (redirect, HSTS, secure cookies). Each can
# be relaxed by its own variable, for a proxy that terminates TLS and needs it.
if not DEBUG:
    SESSION_COOKIE_HTTPONLY = True
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SESSION_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)
    CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SSL_REDIRECT", default=True)
    # Load balancers ask for the health check over plain HTTP, inside the network.
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_HSTS_INCLUDE_SUBDOMAINS", default=True)
    SECURE_HSTS_PRELOAD = env.bool("DJANGO_HSTS_PRELOAD", default=True)
    # Behind a proxy that terminates TLS and says so in X-Forwarded-Proto.
    if env.bool("DJANGO_BEHIND_TLS_PROXY", default=False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# The REST API under /api/v1/ (docs/api.md): a member's token or their browser session; lists
# paginated; refusals of the services (Django's ValidationError) answer 400 keyed by field.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "outreach.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Outreach planner API",
    "DESCRIPTION": "Organizations, channels, staff, plans, audits and evidence (docs/api.md).",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
    # Swagger UI and Redoc from the installed drf-spectacular-sidecar, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "ActivityKindEnum": "strategy.models.PlannedActivity.Kind",
        "PlanStatusEnum": "strategy.models.StrategyPlan.Status",
        "RunStatusEnum": "audits.runs.models.AuditRun.Status",
        "ImportStatusEnum": "audits.evidence.models.EvidenceImport.Status",
    },
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "outreach.api.schema.error_responses",
    ],
}

# Content-Security-Policy (django-csp): the pages load scripts, styles, images and fetches from
# this site only, run no inline script, eval or plugin, and cannot be framed, so injected markup
# cannot run code. The one inline <style> (the palette) carries the request's nonce. Style
# attributes stay allowed (style-src-attr 'unsafe-inline'): the weekly email's preview is a srcdoc
# iframe, which inherits this policy, and an email can only be styled inline; the SVG charts set
# their size in one too. A style attribute cannot run script.
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, NONCE],
        "style-src-attr": [UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "connect-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
