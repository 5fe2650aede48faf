"""Widgets: a block's final value shown as an interactive figure or a table instead of its repr.

A value opts in through the notebook display protocol: its ``_repr_mimebundle_`` offers
``application/vnd.downhill.<kind>+json``. The payload is plain JSON, so the same object prints a text
version in a terminal, and the site gets data it draws itself: never HTML written by the block.
"""

from __future__ import annotations

import html
import json
import re

WIDGET_FENCE = "dh-widget"
MIME = re.compile(r"^application/vnd\.downhill\.(?P<kind>[a-z][a-z0-9-]*)\+json$")
INTERACTIVE_KINDS = ("explorer", "paths", "fit", "constraints")  # drawn by docs/assets/javascripts/widgets/<kind>.js
KINDS = (*INTERACTIVE_KINDS, "table")
PAYLOAD_LIMIT = 256 << 10  # characters of JSON: a widget is a figure's data, not a dataset
FALLBACK = "Interactive figure: it needs JavaScript. The static figure below shows the same run."


class WidgetError(ValueError):
    """A value that asked to be a widget but cannot be one; raised in the block, so its page line is named."""


def widget_from_value(value: object) -> dict | None:
    """``{"kind", "data"}`` when ``value`` offers a Downhill widget through ``_repr_mimebundle_``, else None."""
    method = getattr(value, "_repr_mimebundle_", None)
    if method is None or isinstance(value, type):
        return None
    bundle = method()
    if isinstance(bundle, tuple):  # the protocol allows (data, metadata)
        bundle = bundle[0]
    for mime, data in (bundle or {}).items():
        match = MIME.match(mime)
        if match:
            return {"kind": _known(match.group("kind")), "data": _payload(match.group("kind"), data)}
    return None


def _known(kind: str) -> str:
    if kind not in KINDS:
        raise WidgetError(f"unknown widget kind {kind!r}: the site draws {', '.join(KINDS)}")
    return kind


def _payload(kind: str, data: object) -> dict:
    """The payload as it will be embedded, checked now so a bad one fails in its block, not in a browser."""
    if not isinstance(data, dict):
        raise WidgetError(f"the {kind} widget's payload must be a dict, not {type(data).__name__}")
    try:
        text = json.dumps(data, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise WidgetError(
            f"the {kind} widget's payload is not plain JSON ({error}): use only dicts, lists, strings, "
            "finite numbers, booleans and None; NaN and infinity have no JSON form"
        ) from None
    if len(text) > PAYLOAD_LIMIT:
        raise WidgetError(
            f"the {kind} widget's payload is {len(text) // 1024} KiB; the limit is {PAYLOAD_LIMIT // 1024} KiB. "
            "Round its numbers or record fewer points."
        )
    if kind == "table":
        _check_table(data)
    return json.loads(text)


def _check_table(data: dict) -> None:
    columns, rows = data.get("columns"), data.get("rows")
    if not (isinstance(columns, list) and columns and isinstance(rows, list)):
        raise WidgetError('a table needs a non-empty list "columns" and a list "rows"')
    for number, row in enumerate(rows, start=1):
        if not isinstance(row, list) or len(row) != len(columns):
            raise WidgetError(f"table row {number} does not have one cell per column ({len(columns)})")
    for key in ("row_classes", "numeric"):
        if key in data and len(data[key]) != (len(rows) if key == "row_classes" else len(columns)):
            raise WidgetError(f'table "{key}" must have one entry per {"row" if key == "row_classes" else "column"}')


def widget_fence(widget: dict, indent: str) -> str:
    """The widget as a fence for ``format_widget``; one line of JSON, so indentation cannot break it."""
    text = json.dumps(widget["data"], separators=(",", ":"), sort_keys=True)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f'{indent}{ticks}{WIDGET_FENCE} kind="{widget["kind"]}"\n{indent}{text}\n{indent}{ticks}\n'


def superfences_widget_fence() -> dict:
    """The pymdownx.superfences ``custom_fences`` entry that renders widget fences."""
    return {"name": WIDGET_FENCE, "class": WIDGET_FENCE, "format": format_widget, "validator": _validate}


def format_widget(source: str, language: str, class_name: str, options: dict, md, **kwargs) -> str:
    """A server-side table, or a container with the payload for the widget's script to draw."""
    kind = options["kind"]
    data = json.loads(source)
    if kind == "table":
        return _table_html(data)
    label = html.escape(data.get("title") or f"Interactive {kind} figure", quote=True)
    embedded = json.dumps(data, separators=(",", ":"))
    for character, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        embedded = embedded.replace(character, escape)  # the data stays text: no tag can start or end in it
    return (
        f'<div class="dh-widget dh-widget--{kind}" data-widget="{kind}" role="group" aria-label="{label}">'
        f'<template class="dh-widget__data">{embedded}</template>'
        f'<p class="dh-widget__fallback">{FALLBACK}</p></div>'
    )


def _validate(language: str, inputs: dict, options: dict, attrs: dict, md) -> bool:
    options.update(inputs)
    return set(inputs) == {"kind"} and inputs["kind"] in KINDS


def _table_html(data: dict) -> str:
    """A plain table: readable without JavaScript, in print, and by screen readers."""
    numeric = data.get("numeric") or [False] * len(data["columns"])
    classes = data.get("row_classes") or [None] * len(data["rows"])
    align = [' class="dh-table__number"' if flag else "" for flag in numeric]
    columns = zip(data["columns"], align, strict=True)
    head = "".join(f'<th scope="col"{a}>{html.escape(str(column))}</th>' for column, a in columns)
    body = "".join(
        (f'<tr class="{html.escape(row_class, quote=True)}">' if row_class else "<tr>")
        + "".join(f"<td{a}>{html.escape(str(cell))}</td>" for cell, a in zip(row, align, strict=True))
        + "</tr>"
        for row, row_class in zip(data["rows"], classes, strict=True)
    )
    label = html.escape(data.get("caption") or "Table", quote=True)
    caption = f"<caption>{html.escape(data['caption'])}</caption>" if data.get("caption") else ""
    return (
        f'<div class="dh-table" role="region" aria-label="{label}" tabindex="0">'
        f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )
