"""Chart specifications the pages draw (pure functions; cached in :mod:`app_lib.state`).

Building an Altair chart costs tens of milliseconds, so pages draw a Vega-Lite spec built
once per store version and view instead of a new Altair object on every click.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd


def heatmap_spec(rows: list[dict], order: list[str], titles: dict[str, str],
                 scheme: str, codes: dict[str, str] | None = None) -> dict:
    """A domain × domain heatmap: ``rows`` hold ``x``, ``y`` (labels), ``a``, ``b`` (ids),
    ``n`` (the count) and ``on`` (the chosen pair, outlined). A click selects a cell (the
    selection is called ``cell``, with fields ``a`` and ``b``). ``titles`` names the axes'
    tooltips (``a``, ``b``) and the count (``n``). With ``codes`` (label → short code) the
    columns are headed by codes, so the map stays legible on a narrow screen."""
    codes = codes or {}
    label_expr = "{" + ", ".join(f"{_js(k)}: {_js(v)}" for k, v in codes.items()) + "}"
    frame = pd.DataFrame(rows)
    pick = alt.selection_point(name="cell", fields=["a", "b"], on="click", clear="dblclick")
    base = alt.Chart(frame).encode(
        x=alt.X("x:N", sort=order, title=None,
                axis=alt.Axis(labelAngle=-45, labelLimit=170,
                              labelOverlap=False, orient="top",
                              labelAlign="left",
                              labelExpr=f"{label_expr}[datum.value] || datum.value")),
        y=alt.Y("y:N", sort=order, title=None, axis=alt.Axis(labelLimit=170)))
    tip = [alt.Tooltip("y:N", title=titles["a"]), alt.Tooltip("x:N", title=titles["b"]),
           alt.Tooltip("n:Q", title=titles["n"])]
    cells = base.mark_rect(cornerRadius=3, stroke="white", strokeWidth=2).encode(
        color=alt.Color("n:Q", title=titles["n"], scale=alt.Scale(scheme=scheme),
                        legend=alt.Legend(orient="bottom", gradientLength=220)),
        opacity=alt.when(pick).then(alt.value(1.0)).otherwise(alt.value(0.55)), tooltip=tip,
    ).add_params(pick)
    top = max([r["n"] for r in rows] + [1])
    text = base.mark_text(fontSize=12, fontWeight=600).encode(
        text=alt.Text("n:Q"),
        color=alt.when(alt.datum.n > top * 0.55).then(alt.value("white"))
        .otherwise(alt.value("#31333f")),
        tooltip=tip)
    ring = base.transform_filter(alt.datum.on).mark_rect(
        cornerRadius=3, filled=False, stroke="#d1495b", strokeWidth=3)
    chart = (cells + ring + text).properties(height={"step": 36})
    return chart.configure_view(strokeWidth=0).to_dict()


def _js(text: str) -> str:
    """A JavaScript string literal (JSON is one)."""
    return json.dumps(text)


def mark_pair(spec: dict, a: str, b: str) -> dict:
    """The spec with the pair ``a``, ``b`` outlined (changes ``spec``, a cached copy)."""
    for rows in spec.get("datasets", {}).values():
        for row in rows:
            row["on"] = {row["a"], row["b"]} == {a, b}
    return spec
