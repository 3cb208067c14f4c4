"""Audit runs: requesting a run, carrying it out (the rubric over the plan's snapshot), storing
its scores and findings, and reading them back for the run pages, the `run_audit` command and
the plan page's live review. Owns AuditRun, ChannelScore and Finding, and the audit's tasks."""
