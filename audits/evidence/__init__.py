"""Evidence of actual activity: the networks' own export files read into the organization's
actual posts (each classified into the plan's activity kinds), and the figures the audit checks
beside the plan's. `formats/` reads each export format (pure functions, no database)."""
