"""The models of the audits app, defined in the package that owns each (Django looks here).

`runs.models`: AuditRun, ChannelScore, Finding. `reports.models`: ReportDispatch,
ReportDelivery, ReportOptOut.
"""

from .reports.models import ReportDelivery, ReportDispatch, ReportOptOut
from .runs.models import AuditRun, ChannelScore, Finding

__all__ = [
    "AuditRun",
    "ChannelScore",
    "Finding",
    "ReportDelivery",
    "ReportDispatch",
    "ReportOptOut",
]
