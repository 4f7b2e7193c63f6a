"""Chart specifications the pages draw (pure functions; cached in :mod:`app_lib.state`).

Building an Altair chart costs tens of milliseconds (a layered one about a second), so pages
draw a Vega-Lite spec written as a plain dict, built once per store version and view.
"""

from __future__ import annotations

import json


def _js(text: str) -> str:
    """A JavaScript string literal (JSON is one)."""
    return json.dumps(text)


#: colour per evidence rank (its notation): grey for not established, then teal, blue and
#: purples; level 1 (most solutions) is a full colour, so the map does not read as empty
EVIDENCE_COLOURS = {0: "#a9acb3", 1: "#3f9c96", 2: "#2864a8", 3: "#6b4aa0", 4: "#3a1d5c"}
NO_EVIDENCE = "#d9dbe0"


def bubble_map_spec(rows: list[dict], row_order: list[str], col_order: list[str],
                    palette: dict[str, str], titles: dict[str, str],
                    codes: dict[str, str] | None = None) -> dict:
    """The bridge map as a Vega-Lite spec: a grid of cells, in each a bubble whose area is
    the number of solutions (``n``; a solid inner bubble for the ``ns`` stated ones, a light
    outer one for all, derived included), coloured by the strongest evidence (``ev``, a key of
    ``palette``, which also orders the legend). Gap cells (``gap``) get a dashed red frame,
    the chosen cell (``on``) a dark one; the count sits in the cell's corner.

    ``rows`` hold ``x``, ``y`` (labels), ``r``, ``c`` (ids), ``n``, ``ns``, ``no``
    (obstacles), ``nu`` (uncovered obstacles), ``ev``, ``gap``, ``on``. A click selects a
    cell (selection ``cell``, fields ``r`` and ``c``). ``titles``: ``row``, ``col``,
    ``solutions``, ``stated``, ``obstacles``, ``uncovered``, ``evidence``. With ``codes``
    (label → short code) the columns are headed by codes.

    Written as a plain dict (Altair took a second per filter, most of it validating).

    >>> spec = bubble_map_spec([{"x": "b", "y": "a", "r": "A", "c": "B", "n": 2, "ns": 1,
    ...                          "no": 3, "nu": 1, "ev": "goed", "gap": True, "on": False}],
    ...                        ["a"], ["b"], {"goed": "#2864a8"},
    ...                        {k: k for k in ("row", "col", "solutions", "stated",
    ...                                        "obstacles", "uncovered", "evidence")})
    >>> [layer["mark"]["type"] for layer in spec["layer"]]
    ['rect', 'circle', 'circle', 'text', 'rect', 'rect']
    >>> spec["layer"][0]["params"][0]["name"], spec["datasets"]["map"][0]["n"]
    ('cell', 2)
    """
    codes = codes or {}
    label_expr = "{" + ", ".join(f"{_js(k)}: {_js(v)}" for k, v in codes.items()) + "}"
    top = max([r["n"] for r in rows] + [1])
    tip = [{"field": "y", "type": "nominal", "title": titles["row"]},
           {"field": "x", "type": "nominal", "title": titles["col"]},
           {"field": "n", "type": "quantitative", "title": titles["solutions"]},
           {"field": "ns", "type": "quantitative", "title": titles["stated"]},
           {"field": "no", "type": "quantitative", "title": titles["obstacles"]},
           {"field": "nu", "type": "quantitative", "title": titles["uncovered"]},
           {"field": "ev", "type": "nominal", "title": titles["evidence"]}]
    size = {"domain": [0, top], "range": [0, 1500], "zero": True}
    colour = {"field": "ev", "type": "nominal", "title": titles["evidence"],
              "scale": {"domain": list(palette), "range": list(palette.values())},
              "legend": {"orient": "bottom", "direction": "horizontal", "symbolType": "circle",
                         "symbolOpacity": 1, "columns": 5}}

    def only(test: str) -> list[dict]:
        return [{"filter": test}]

    return {
        "config": {"view": {"strokeWidth": 0}},
        "datasets": {"map": rows},
        "data": {"name": "map"},
        "width": {"step": 46}, "height": {"step": 46},
        "encoding": {
            "x": {"field": "x", "type": "nominal", "sort": col_order, "title": None,
                  "axis": {"labelAngle": -45, "labelLimit": 170, "labelOverlap": False,
                           "orient": "top", "labelAlign": "left", "domain": False,
                           "ticks": False,
                           "labelExpr": f"{label_expr}[datum.value] || datum.value"}},
            "y": {"field": "y", "type": "nominal", "sort": row_order, "title": None,
                  "axis": {"labelLimit": 190, "domain": False, "ticks": False}}},
        "layer": [
            {"mark": {"type": "rect", "cornerRadius": 3, "fill": "#f3f4f7", "stroke": "white",
                      "strokeWidth": 2},
             "encoding": {"tooltip": tip},
             "params": [{"name": "cell", "select": {"type": "point", "fields": ["r", "c"],
                                                    "on": "click", "clear": False}}]},
            {"transform": only("datum.n > 0"), "mark": {"type": "circle", "opacity": 0.4},
             "encoding": {"size": {"field": "n", "type": "quantitative", "scale": size,
                                   "legend": None}, "color": colour, "tooltip": tip}},
            {"transform": only("datum.ns > 0"), "mark": {"type": "circle", "opacity": 1},
             "encoding": {"size": {"field": "ns", "type": "quantitative", "scale": size,
                                   "legend": None}, "color": colour, "tooltip": tip}},
            {"transform": only("datum.n > 0"),
             "mark": {"type": "text", "fontSize": 9, "dx": 15, "dy": 14, "color": "#55575f"},
             "encoding": {"text": {"field": "n", "type": "quantitative"}}},
            {"transform": only("datum.gap"),
             "mark": {"type": "rect", "filled": False, "stroke": "#d1495b", "strokeWidth": 2,
                      "strokeDash": [4, 3], "cornerRadius": 3}},
            {"transform": only("datum.on"),
             "mark": {"type": "rect", "filled": False, "stroke": "#31333f", "strokeWidth": 3,
                      "cornerRadius": 3}},
        ],
    }


def mark_cell(spec: dict, r: str, c: str) -> dict:
    """The spec with cell (``r``, ``c``) framed (changes ``spec``, a cached copy)."""
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            row["on"] = (row.get("r"), row.get("c")) == (r, c)
    return spec
