"""The schema's error answers (a drf-spectacular postprocessing hook): every operation says
what it answers besides success, so that a client (and Schemathesis) can rely on the schema
for every status code the API gives."""

ERROR = {
    "type": "object",
    "description": "What went wrong, in words.",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}
FIELD_ERRORS = {
    "type": "object",
    "description": "The refused input: each field's messages under its name (the browser's "
    "words), problems of no one field under non_field_errors; a body that cannot be read at all "
    "under detail.",
    "additionalProperties": {},
}


def _ref(name: str) -> dict:
    return {"content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}}


def error_responses(result, generator, request, public):
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = ERROR
    schemas["FieldErrors"] = FIELD_ERRORS
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            responses = operation.setdefault("responses", {})
            responses.setdefault("401", {"description": "Not authenticated.", **_ref("Error")})
            responses.setdefault(
                "403",
                {
                    "description": "Not allowed (a comms member on a manager's step).",
                    **_ref("Error"),
                },
            )
            if "{" in path or operation.get("parameters"):
                responses.setdefault(
                    "404",
                    {"description": "Not found among the caller's organizations.", **_ref("Error")},
                )
            if method != "get" or any(
                p.get("in") == "query" for p in operation.get("parameters", [])
            ):
                responses.setdefault(
                    "400", {"description": "Refused input, by field.", **_ref("FieldErrors")}
                )
            if "/plan/" in path and method != "get":
                responses.setdefault(
                    "409",
                    {
                        "description": "The plan's state refuses it (saved since, not a draft).",
                        **_ref("Error"),
                    },
                )
            if method in ("post", "put", "patch"):
                responses.setdefault(
                    "415", {"description": "Unsupported media type.", **_ref("Error")}
                )
    return result
