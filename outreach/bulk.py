"""Writing many rows fast: one INSERT of many rows, without a model instance per row.

Django's `bulk_create` builds a model instance for every row and prepares every field of it
through the field's conversions; for the audit's results (tens of findings per organization, a
thousand organizations a week) that preparation was most of the time spent storing them. Rows
written here are plain values already checked by their producer (the rubric), so they go in as
they are; JSON fields are encoded as Django would encode them.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models


def rows_insert(model: type[models.Model], rows: list[dict]) -> None:
    """INSERT `rows` (dicts of field name -> value, all with the same names, foreign keys by
    their `_id` attribute names) into `model`'s table, in as few statements as the database's
    limit on parameters allows."""
    if not rows:
        return
    names = list(rows[0])
    fields = [model._meta.get_field(name.removesuffix("_id")) for name in names]
    encoded = {i for i, field in enumerate(fields) if isinstance(field, models.JSONField)}
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    placeholders = "(" + ", ".join(["%s"] * len(names)) + ")"
    size = connection.ops.bulk_batch_size(fields, rows) or len(rows)
    table = connection.ops.quote_name(model._meta.db_table)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), size):
            batch = rows[start : start + size]
            params = [
                json.dumps(value, cls=DjangoJSONEncoder) if i in encoded else value
                for row in batch
                for i, value in enumerate(row[name] for name in names)
            ]
            values = ", ".join([placeholders] * len(batch))
            cursor.execute(f"INSERT INTO {table} ({columns}) VALUES {values}", params)  # noqa: S608
