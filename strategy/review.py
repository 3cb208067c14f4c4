"""What the audit would say of a plan, for the plan page.

The audit lives in `audits`, which depends on `strategy`; `strategy` must not import it. So the
audit registers its reviewer here when Django starts (`audits.apps.AuditsConfig.ready`), and
the plan page asks through `review_plan`. The figures and findings therefore come from the very
code the audit runs, never from a second copy of its arithmetic.
"""

from collections.abc import Callable, Iterable

_reviewer: Callable | None = None


def register_reviewer(reviewer: Callable) -> None:
    global _reviewer
    _reviewer = reviewer


def review_plan(*, plan, activities: Iterable | None = None, links: Iterable | None = None):
    """Per-channel figures and findings of `plan`, or of its unsaved `activities` and `links`
    (model instances) when given; None when no reviewer is installed."""
    if _reviewer is None:
        return None
    return _reviewer(plan=plan, activities=activities, links=links)
