"""The app's colours, defined once: the stylesheet reads them as CSS custom properties (the
`palette` context processor puts `PALETTE_CSS` in the page head), and the SVG charts and the
weekly email use them directly. Each score tone pairs a text colour with a background it is
readable on (WCAG AA). Plain Python (no Django).
"""

COLOURS = {
    "bg": "#f6f7f9",
    "surface": "#ffffff",
    "text": "#1d2330",
    "muted": "#5b6475",
    "line": "#dde1e8",
    "brand": "#2454c5",
    "brand-dark": "#1a3f96",
    # The score palette: good (healthy), warn (needs work), bad (fix or retire).
    "good": "#1f7a4d",
    "good-bg": "#e3f4ea",
    "warn": "#8a5a00",
    "warn-bg": "#fdf1d6",
    "bad": "#b3261e",
    "bad-bg": "#fbe4e2",
}

# A score's tone: (text colour, background colour).
TONES = {tone: (COLOURS[tone], COLOURS[f"{tone}-bg"]) for tone in ("good", "warn", "bad")}

PALETTE_CSS = ":root { " + " ".join(f"--{name}: {hex_};" for name, hex_ in COLOURS.items()) + " }"
