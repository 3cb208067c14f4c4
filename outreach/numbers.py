"""Numbers as people read and type them.

Every number a page shows or puts in an input's value is written by `plain_number`: the
forms' number inputs (`outreach.forms.PlainNumberInput`), the plan editor's rows and the
templates (the `plain_number` filter of `{% load numbers %}`). A Decimal's own str() leaks its
exponent (Decimal("10").normalize() is "1E+1") or its stored places ("10.00").
"""

import math
from decimal import ROUND_HALF_UP, Decimal


def plain_number(value, places=None) -> str:
    """A number as a person writes it: 10 (not 1E+1, nor 10.00), 0.25, 2.5, 200, 0.

    No exponent, no trailing zeros after the point, no digit rounded away unless `places` asks
    for at most that many decimals (for computed figures: `{{ hours|plain_number:2 }}`); None is
    "" (an empty input). Text is returned as it is: it is what someone typed, shown back."""
    if value is None:
        return ""
    if isinstance(value, float) and math.isfinite(value):
        # repr() is the shortest text that reads back as the same float: 0.1, not 0.1000…01.
        value = Decimal(repr(value))
    if isinstance(value, int) and not isinstance(value, bool):
        value = Decimal(value)
    if not isinstance(value, Decimal) or not value.is_finite():
        return str(value)
    if places is not None:  # a computed figure (1.7333… hours): at most `places` decimals
        value = value.quantize(Decimal(1).scaleb(-int(places)), rounding=ROUND_HALF_UP)
    text = format(value, "f")  # positional, and unlike normalize() never rounded to 28 digits
    if "." in text:
        text = text.rstrip("0").removesuffix(".")
    return "0" if text == "-0" else text
