"""The bridge map's picture: the rows of the chart, its Vega-Lite spec, and the same map as
SVG and PNG (:mod:`app_lib.mapdraw`), in one language. Pure functions, cached in
:mod:`app_lib.state` per store version, language, view and filters."""

from __future__ import annotations

from app_lib import charts, mapdraw
from app_lib.texts import TEXTS
from graph.analytics import option_label
from graph.analytics.common import term_rank
from graph.analytics.projection import short_id

__all__ = ["palette", "rows", "picture", "png", "cell_label"]


def _t(key: str, lang: str, **values) -> str:
    text = TEXTS[key][0 if lang == "nl" else 1]
    return text.format(**values) if values else text


def palette(G, lang: str, with_none: bool = False) -> dict[str, str]:
    """Evidence level label → colour, weakest first (the ontology's levels in their order);
    with ``with_none`` also 'not recorded'."""
    levels = sorted((t for t, v in G.graph.get("terms", {}).items()
                     if v.get("class") == "EvidenceLevel"), key=lambda t: (term_rank(G, t), t))
    out = {option_label(G, t, lang): charts.EVIDENCE_COLOURS.get(term_rank(G, t), "#6b4aa0")
           for t in levels}
    if with_none:
        out[_t("bm_no_evidence", lang)] = charts.NO_EVIDENCE
    return out


def cell_label(G, iri: str, lang: str) -> str:
    """A row's or column's label: a domain's or an obstacle category's."""
    return option_label(G, iri, lang)


def rows(G, found, lang: str) -> list[dict]:
    """The map's cells as chart rows (domain view: both orders, so the grid is square)."""
    out = []
    for c in found.cells:
        ev = option_label(G, c.evidence, lang) if c.evidence else (
            _t("bm_no_evidence", lang) if c.solutions else None)
        pairs = [(c.row, c.col), (c.col, c.row)] if found.view == "domains" else [(c.row,
                                                                                     c.col)]
        for r, k in pairs:
            out.append({"y": cell_label(G, r, lang), "x": cell_label(G, k, lang),
                        "r": short_id(r), "c": short_id(k), "n": len(c.solutions),
                        "ns": len(c.stated), "no": len(c.obstacles), "nu": len(c.uncovered),
                        "ev": ev, "gap": c.gap, "on": False})
    return out


def picture(G, found, lang: str) -> dict:
    """``{"rows", "spec", "svg", "shapes"}`` for a :class:`graph.analytics.BridgeMap`."""
    data = rows(G, found, lang)
    colours = palette(G, lang, with_none=any(r["ev"] == _t("bm_no_evidence", lang)
                                             for r in data))
    row_order = [cell_label(G, r, lang) for r in found.rows]
    col_order = [cell_label(G, c, lang) for c in found.cols]
    if found.view == "domains":  # alphabetical in the language shown
        row_order = col_order = sorted(col_order, key=str.lower)
    else:
        col_order = sorted(col_order, key=str.lower)
    codes = {cell_label(G, d, lang): G.nodes[d]["notation"] for d in found.cols
             if d in G and G.nodes[d].get("notation")}
    use_codes = lang == "nl" and len(codes) == len(found.cols)  # the codes are Dutch
    first = "bm_row_domain" if found.view == "domains" else "bm_row_category"
    titles = {"row": _t(first, lang), "col": _t("bm_col_domain", lang),
              "solutions": _t("bm_solutions", lang), "stated": _t("bm_stated", lang),
              "obstacles": _t("bm_obstacles", lang), "uncovered": _t("bm_uncovered", lang),
              "evidence": _t("bm_evidence", lang)}
    spec = charts.bubble_map_spec(data, row_order, col_order, colours, titles,
                                  codes if use_codes else None)
    words = {"title": _t("bridges_title", lang) + " · " + _t(
        "bm_view_" + found.view, lang), "evidence": _t("bm_evidence", lang),
        "stated": _t("bm_stated_word", lang), "derived": _t("bm_derived_word", lang),
        "gap": _t("bm_gap_word", lang), "size": _t("bm_size_word", lang)}
    shapes = mapdraw.scene(data, row_order, col_order, colours, words)
    return {"rows": data, "spec": spec, "svg": mapdraw.to_svg(shapes), "shapes": shapes,
            "palette": colours}


def png(found_picture: dict) -> bytes:
    """The picture as PNG."""
    return mapdraw.to_png(found_picture["shapes"])
