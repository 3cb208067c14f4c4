"""Writes of the strategy app, by responsibility: importing plan files, editing a plan, and
moving it through its lifecycle."""

from .editing import PlanNotEditable, RowChanges, StalePlan, plan_create, plan_edit
from .lifecycle import plan_approve, plan_return, plan_revise, plan_submit
from .onboarding import organization_start
from .planfile_import import PlanImportResult, plan_import, plan_upload

__all__ = [
    "PlanImportResult",
    "PlanNotEditable",
    "RowChanges",
    "StalePlan",
    "organization_start",
    "plan_approve",
    "plan_create",
    "plan_edit",
    "plan_import",
    "plan_return",
    "plan_revise",
    "plan_submit",
    "plan_upload",
]
