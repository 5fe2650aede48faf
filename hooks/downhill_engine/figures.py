"""Figures as the site shows them: the site's palette, and a dark variant of every figure.

The light figure is what the block drew. The dark one is the same figure re-inked after saving: near-black
ink becomes the dark theme's text colour and near-white paper becomes its background, while data colours
stay, so a figure never glares on a dark page. Imported by the fork server before any fork.
"""

from __future__ import annotations

import base64
import io

import matplotlib.colors as mcolors
from cycler import cycler

# The site's teal first; mid-tone colours that keep their contrast on both light and dark paper.
PALETTE = ["#00897b", "#e65100", "#1e88e5", "#d81b60", "#7cb342", "#8e24aa", "#8d6e63", "#00acc1"]
DARK_INK = "#d5d7e2"
DARK_PAPER = "#1e2129"
SVG_LIMIT = 400 << 10  # above this a figure is saved as PNG instead


def apply_site_style(plt) -> None:
    plt.rcParams["axes.prop_cycle"] = cycler(color=PALETTE)
    plt.rcParams["svg.hashsalt"] = "downhill"


def save_variants(figure) -> dict:
    """The figure as SVG (PNG when the SVG would be huge), light then dark."""
    light = _save(figure, "svg")
    kind = "svg" if len(light) <= SVG_LIMIT else "png"
    if kind == "png":
        light = _save(figure, "png")
    _reink(figure)
    dark = _save(figure, kind)
    encode = (lambda data: data.decode()) if kind == "svg" else (lambda data: base64.b64encode(data).decode())
    return {"format": kind, "data": encode(light), "dark": encode(dark)}


def _save(figure, kind: str) -> bytes:
    buffer = io.BytesIO()
    if kind == "svg":
        figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    else:
        figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight", metadata={"Software": None})
    return buffer.getvalue()


def _reink(figure) -> None:
    """Swap ink and paper on every artist; leave coloured marks as they are.

    Every colour in the figure is read before any is set: an Axes and its background patch share one
    colour, and paper already darkened through one would read as ink through the other.
    """
    swaps = []
    for artist in figure.findobj():
        for name in ("color", "edgecolor", "facecolor", "markeredgecolor", "markerfacecolor"):
            getter, setter = getattr(artist, f"get_{name}", None), getattr(artist, f"set_{name}", None)
            if getter is None or setter is None:
                continue
            try:
                swapped = _swap(getter())
            except (TypeError, ValueError):
                continue
            if swapped is not None:
                swaps.append((setter, swapped))
    for setter, swapped in swaps:
        setter(swapped)


def _swap(value):
    """The dark-theme colour for an ink or paper colour (or array of them); None when nothing changes."""
    if isinstance(value, str) and value in ("none", "auto", "face"):
        return None
    rgba = mcolors.to_rgba_array(value)
    if rgba.size == 0:
        return None
    changed = False
    for row in rgba:
        luminance = 0.2126 * row[0] + 0.7152 * row[1] + 0.0722 * row[2]
        saturation = max(row[:3]) - min(row[:3])
        if saturation > 0.15 or row[3] == 0:
            continue
        if luminance < 0.35:
            row[:3] = mcolors.to_rgb(DARK_INK)
            changed = True
        elif luminance > 0.9:
            row[:3] = mcolors.to_rgb(DARK_PAPER)
            changed = True
    if not changed:
        return None
    return rgba[0] if len(rgba) == 1 else rgba
