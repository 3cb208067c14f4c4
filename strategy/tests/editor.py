"""Helpers for posting the plan editor as a browser would."""

from django.forms import CheckboxInput
from django.urls import reverse


def editor_data(client, org_slug: str) -> tuple[dict, object]:
    """GET the plan page and return (the POST data its forms would send unchanged, editor)."""
    response = client.get(reverse("strategy:plan", args=[org_slug]))
    assert response.status_code == 200
    editor = response.context["editor"]
    data = {}

    def add(form):
        for field in form:
            value = field.value()
            if isinstance(field.field.widget, CheckboxInput):
                if value:
                    data[field.html_name] = "on"
                continue
            data[field.html_name] = "" if value is None else str(getattr(value, "pk", value))

    add(editor.header)
    for formset in (editor.activities, editor.links):
        add(formset.management_form)
        for form in formset.forms:
            add(form)
    return data, editor


def row_prefix(editor, *, channel=None, new=False, kind=None) -> str:
    """The prefix of an activity row: the blank row of `channel`, or its first saved row."""
    for form in editor.activities.forms:
        channel_id = form.instance.channel_id or form.initial.get("channel")
        if channel is not None and channel_id != channel.pk:
            continue
        if new != (form.instance.pk is None):
            continue
        if kind and form.instance.kind != kind:
            continue
        return form.prefix
    raise AssertionError("no such row")


def post_editor(client, org_slug: str, data: dict, action: str = "save", **extra):
    return client.post(
        reverse("strategy:plan", args=[org_slug]), {**data, "action": action, **extra}
    )
