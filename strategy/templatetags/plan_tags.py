from django import template

from ..activity_kinds import kind_label

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for dicts keyed by a variable in templates."""
    return (mapping or {}).get(key)


@register.filter
def share_against(share, aim):
    """A share as a whole percentage, unless rounding would make it read as the aim it falls
    short of: 0.399 against 0.40 reads "39.9%", not "40%" in red beside "aim ≥ 40%"."""
    if share is None:
        return ""
    whole = round(float(share) * 100)
    if aim is not None and float(share) < float(aim) and whole >= round(float(aim) * 100):
        tenths = int(float(share) * 1000) / 10  # rounded down: below the aim it must read so
        return f"{tenths:g}%"
    return f"{whole}%"


@register.filter
def kind_on(kind, platform):
    """An activity kind in the words of the channel's network: {{ a.kind|kind_on:channel.platform }}
    reads "Boost" on Mastodon, "Share" on Facebook."""
    return kind_label(kind, platform or "")
