"""Chart specifications the pages draw (pure functions; cached in :mod:`app_lib.state`).

Building an Altair chart costs tens of milliseconds, so pages draw a Vega-Lite spec built
once per store version and view instead of a new Altair object on every click.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd


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
    the chosen cell (``on``) a dark one; ``k`` (the count) sits in the cell's corner.

    ``rows`` hold ``x``, ``y`` (labels), ``r``, ``c`` (ids), ``n``, ``ns``, ``no``
    (obstacles), ``nu`` (uncovered obstacles), ``ev``, ``gap``, ``on``. A click selects a
    cell (selection ``cell``, fields ``r`` and ``c``). ``titles``: ``row``, ``col``,
    ``solutions``, ``stated``, ``obstacles``, ``uncovered``, ``evidence``. With ``codes``
    (label → short code) the columns are headed by codes."""
    codes = codes or {}
    label_expr = "{" + ", ".join(f"{_js(k)}: {_js(v)}" for k, v in codes.items()) + "}"
    frame = pd.DataFrame(rows)
    top = max([r["n"] for r in rows] + [1])
    pick = alt.selection_point(name="cell", fields=["r", "c"], on="click", clear=False)
    base = alt.Chart(frame).encode(
        x=alt.X("x:N", sort=col_order, title=None,
                axis=alt.Axis(labelAngle=-45, labelLimit=170, labelOverlap=False,
                              orient="top", labelAlign="left", domain=False, ticks=False,
                              labelExpr=f"{label_expr}[datum.value] || datum.value")),
        y=alt.Y("y:N", sort=row_order, title=None,
                axis=alt.Axis(labelLimit=190, domain=False, ticks=False)))
    tip = [alt.Tooltip("y:N", title=titles["row"]), alt.Tooltip("x:N", title=titles["col"]),
           alt.Tooltip("n:Q", title=titles["solutions"]),
           alt.Tooltip("ns:Q", title=titles["stated"]),
           alt.Tooltip("no:Q", title=titles["obstacles"]),
           alt.Tooltip("nu:Q", title=titles["uncovered"]),
           alt.Tooltip("ev:N", title=titles["evidence"])]
    size = alt.Scale(domain=[0, top], range=[0, 1500], zero=True)
    colour = alt.Color("ev:N", title=titles["evidence"],
                       scale=alt.Scale(domain=list(palette), range=list(palette.values())),
                       legend=alt.Legend(orient="bottom", direction="horizontal",
                                         symbolType="circle", columns=5))
    cells = base.mark_rect(cornerRadius=3, fill="#f3f4f7", stroke="white",
                           strokeWidth=2).encode(tooltip=tip).add_params(pick)
    outer = base.transform_filter(alt.datum.n > 0).mark_circle(opacity=0.4).encode(
        size=alt.Size("n:Q", scale=size, legend=None), color=colour, tooltip=tip)
    inner = base.transform_filter(alt.datum.ns > 0).mark_circle(opacity=1).encode(
        size=alt.Size("ns:Q", scale=size, legend=None), color=colour, tooltip=tip)
    count = base.transform_filter(alt.datum.n > 0).mark_text(
        fontSize=9, dx=15, dy=14, color="#55575f").encode(text="n:Q", tooltip=tip)
    gap = base.transform_filter(alt.datum.gap).mark_rect(
        filled=False, stroke="#d1495b", strokeWidth=2, strokeDash=[4, 3], cornerRadius=3)
    ring = base.transform_filter(alt.datum.on).mark_rect(
        filled=False, stroke="#31333f", strokeWidth=3, cornerRadius=3)
    chart = (cells + outer + inner + count + gap + ring).properties(
        width={"step": 46}, height={"step": 46})
    return chart.configure_view(strokeWidth=0).to_dict()


def mark_cell(spec: dict, r: str, c: str) -> dict:
    """The spec with cell (``r``, ``c``) framed (changes ``spec``, a cached copy)."""
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            row["on"] = (row.get("r"), row.get("c")) == (r, c)
    return spec
