"""outreach.bulk.rows_insert writes what bulk_create would, JSON and nulls included, in batches."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from audits.models import Finding
from audits.tests.factories import AuditRunFactory
from outreach.bulk import rows_insert


@pytest.mark.django_db
def test_rows_go_in_as_bulk_create_would_write_them_in_few_statements():
    run = AuditRunFactory()
    rows = [
        {
            "run_id": run.pk,
            "channel_id": None,
            "channel_key": f"c{i}",
            "code": "V1",
            "criterion": "value",
            "points": i,
            "severity": "high",
            "message": 'It\'s "quoted" – and ünïcode; DROP TABLE x;',
            "recommendation": "r",
            "affects": {f"c{i}": i},
            "charges": [{"code": "V1", "criterion": "value", "affects": {"a": 1}}],
            "side": "plan",
        }
        for i in range(500)
    ]
    with CaptureQueriesContext(connection) as queries:
        rows_insert(Finding, rows)
    # Batched by the database's limit on parameters (SQLite: 999, 83 rows here), not one per row.
    assert len(queries) <= 10
    stored = list(Finding.objects.filter(run=run).order_by("points"))
    assert len(stored) == 500
    assert stored[7].affects == {"c7": 7} and stored[7].channel_id is None
    assert stored[7].charges == rows[7]["charges"]
    assert stored[7].message == rows[7]["message"]
