from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    """mapping[key], or None: for dicts keyed by a variable in templates."""
    return (mapping or {}).get(key)
