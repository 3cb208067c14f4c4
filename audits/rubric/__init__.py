"""The audit rubric as pure functions: a plan snapshot in, scores and findings out.

See `rubric.md` for the principles. No Django here: the rubric runs on a `PlanSnapshot`.
"""

from .engine import audit_plan
from .figures import channel_figures, staff_load
from .principles import CRITERIA, PRINCIPLES, VERDICTS
from .result import AuditResult, ChannelResult, Finding

__all__ = [
    "CRITERIA",
    "PRINCIPLES",
    "VERDICTS",
    "AuditResult",
    "ChannelResult",
    "Finding",
    "audit_plan",
    "channel_figures",
    "staff_load",
]
