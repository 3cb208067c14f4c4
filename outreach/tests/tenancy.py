"""What the tenancy tests of the pages and of the API share: the URLs of one organization,
found by walking the URLconf, and the keyword arguments that aim one at given objects."""

from django.urls import URLPattern, URLResolver, get_resolver


def url_patterns_under(prefix: str) -> list[tuple[str, list[str]]]:
    """(name, kwarg names) of every URL whose route starts with `prefix`."""
    found = []

    def walk(patterns, route_so_far, namespace, kwarg_names):
        for entry in patterns:
            route = route_so_far + str(entry.pattern)
            names = kwarg_names | set(entry.pattern.converters)
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, route, entry.namespace or namespace, names)
            elif isinstance(entry, URLPattern) and route.startswith(prefix):
                name = f"{namespace}:{entry.name}" if namespace else entry.name
                found.append((name, sorted(names)))

    walk(get_resolver().url_patterns, "", None, set())
    return found


def kwargs_for(kwarg_names, org_slug, objects):
    missing = set(kwarg_names) - {"org_slug"} - set(objects)
    assert not missing, f"teach rival_objects a value for the URL kwargs {missing}"
    return {name: org_slug if name == "org_slug" else objects[name] for name in kwarg_names}
