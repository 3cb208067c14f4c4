"""The weekly report: which reports are due, the email (text and HTML), sending it exactly once
per address and ISO week, the reports page, opting out and the unsubscribe link. Owns
ReportDispatch, ReportDelivery and ReportOptOut, and the dispatcher's tasks."""
