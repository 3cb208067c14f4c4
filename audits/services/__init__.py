"""Writes of the audits app, by responsibility: audit runs, and weekly reports."""

from .reports import (
    ReportRetry,
    report_opt_in,
    report_opt_out,
    report_send,
    reports_due,
    weekly_reports_dispatch,
)
from .runs import (
    audit_run_create,
    audit_run_execute,
    audit_run_fail,
    audit_run_now,
    audit_run_request,
)

__all__ = [
    "ReportRetry",
    "audit_run_create",
    "audit_run_execute",
    "audit_run_fail",
    "audit_run_now",
    "audit_run_request",
    "report_opt_in",
    "report_opt_out",
    "report_send",
    "reports_due",
    "weekly_reports_dispatch",
]
