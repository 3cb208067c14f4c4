"""Helpers for posting the plan editor as a browser would."""

import html.parser

from django.forms import CheckboxInput
from django.urls import reverse

from strategy.forms import ACTIVITY_FIELDS, LINK_FIELDS


def editor_data(client, org_slug: str) -> tuple[dict, object]:
    """GET the plan page and return (the POST data its forms would send unchanged, with every
    section opened and every row editable, as the page's script makes them; the editor)."""
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
    for management_form in editor.management_forms():
        add(management_form)
    for rows, names in ((editor.activity_rows, ACTIVITY_FIELDS), (editor.link_rows, LINK_FIELDS)):
        for row in rows:
            for name in ("id", *names):
                data[f"{row.prefix}-{name}"] = row.values.get(name, "")
    return data, editor


def row_prefix(editor, *, channel=None, new=False, kind=None) -> str:
    """The prefix of an activity row: the blank row of `channel`, or its first saved row."""
    for row in editor.activity_rows:
        if channel is not None and row.channel_id != channel.pk:
            continue
        if new != row.is_new:
            continue
        if kind and row.values.get("kind") != kind:
            continue
        return row.prefix
    raise AssertionError("no such row")


def post_editor(client, org_slug: str, data: dict, action: str = "save", **extra):
    return client.post(
        reverse("strategy:plan", args=[org_slug]), {**data, "action": action, **extra}
    )


class _FormFields(html.parser.HTMLParser):
    """The fields a browser without JavaScript posts from the form with the given id: inputs,
    each select's selected option (or its first), textareas; <template> content left out."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.in_template = form_id, False, False
        self.fields, self.select, self.first_option, self.textarea = [], None, None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.inside = a.get("id") == self.form_id
        elif tag == "template":
            self.in_template = True
        if not self.inside or self.in_template or "name" not in a and tag != "option":
            return
        if tag == "input" and a.get("type") not in ("submit", "button", "file"):
            if a.get("type") != "checkbox" or "checked" in a:
                self.fields.append((a["name"], a.get("value") or ("on" if "checked" in a else "")))
        elif tag == "select":
            self.select, self.first_option = a["name"], None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = a.get("value", "")
            if "selected" in a:
                self.fields.append((self.select, a.get("value", "")))
                self.select = None
        elif tag == "textarea":
            self.textarea = [a["name"], ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "template":
            self.in_template = False
        elif tag == "select" and self.select:
            self.fields.append((self.select, self.first_option or ""))
            self.select = None
        elif tag == "textarea" and self.textarea is not None:
            self.fields.append(tuple(self.textarea))
            self.textarea = None


def form_fields(html: str, form_id: str = "plan-form") -> dict:
    """What a browser without JavaScript would post from the page's form, unchanged."""
    reader = _FormFields(form_id)
    reader.feed(html)
    return dict(reader.fields)
