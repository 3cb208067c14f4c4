"""For operators: `/healthz` (is the database there, is the broker), and the pages a server error
answers, which must work even when the database does not.

Neither touches the database unless asked to check it: the error pages are rendered without the
request's context processors (the organization switcher reads memberships).
"""

import logging
import sys

from django.db import DatabaseError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.views.decorators.cache import never_cache

from .celery import BROKER_DOWN_ERRORS, app
from .palette import PALETTE_CSS

logger = logging.getLogger(__name__)

RETRY_AFTER_SECONDS = 30


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        logger.error("Health check: the database is unreachable: %s", error)
        return "unreachable"
    return "ok"


def _broker() -> str:
    if app.conf.task_always_eager:
        return "not used (tasks run in-process)"
    try:
        with app.connection_for_write() as broker:
            broker.ensure_connection(max_retries=1, timeout=3)
    except (*BROKER_DOWN_ERRORS, OSError) as error:
        logger.error("Health check: the broker is unreachable: %s", error)
        return "unreachable"
    return "ok"


ROBOTS = "User-agent: *\nDisallow: /\n"


def robots(request):
    """An organization's plans are nobody's search results: every crawler is asked to stay out.
    (Also the cheapest page there is: the benchmark's yardstick for "a trivial view".)"""
    return HttpResponse(ROBOTS, content_type="text/plain")


@never_cache
def healthz(request):
    """200 when the database and the broker answer, else 503 naming which does not. For a load
    balancer or an orchestrator; it says nothing more than that (no versions, no hosts)."""
    checks = {"database": _database(), "broker": _broker()}
    healthy = "unreachable" not in checks.values()
    return JsonResponse(
        {"status": "ok" if healthy else "unavailable", **checks}, status=200 if healthy else 503
    )


def _error_page(request, template: str, status: int) -> HttpResponse:
    nonce = getattr(request, "csp_nonce", "")
    html = loader.get_template(template).render({"palette_css": PALETTE_CSS, "nonce": nonce})
    return HttpResponse(html, status=status)


def server_error(request):
    """handler500. An unreachable database is not the application's fault and passes: a 503
    that says so and when to try again, instead of a bare 500."""
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError) and _database() == "unreachable":
        response = _error_page(request, "errors/503.html", 503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return _error_page(request, "errors/500.html", 500)
