"""The models of the audits app, defined in the package that owns each (Django looks here).

`runs.models`: AuditRun, ChannelScore, Finding. `reports.models`: ReportDispatch,
ReportDelivery, ReportOptOut. `evidence.models`: EvidenceImport, Post, ColumnMapping.
"""

from .evidence.models import ColumnMapping, EvidenceImport, Post
from .reports.models import ReportDelivery, ReportDispatch, ReportOptOut
from .runs.models import AuditRun, ChannelScore, Finding

__all__ = [
    "AuditRun",
    "ColumnMapping",
    "EvidenceImport",
    "Post",
    "ChannelScore",
    "Finding",
    "ReportDelivery",
    "ReportDispatch",
    "ReportOptOut",
]
