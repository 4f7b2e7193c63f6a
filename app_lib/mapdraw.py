"""The bridge map as a file: SVG drawn by our own code, PNG drawn by Pillow from the same
shapes (no browser, no plotly/kaleido, no vl-convert).

:func:`scene` lays the map out as plain shapes (cells, bubbles, labels, legend) from the rows
:func:`app_lib.charts.bubble_rows` makes; :func:`to_svg` and :func:`to_png` draw those shapes.
Labels are escaped in SVG; the font is Source Sans Pro from the ``font-source-sans-pro``
package (the toolbox uses it too).

>>> rows = [{"y": "wonen", "x": "zorg", "n": 4, "ns": 1, "ev": "praktijkgebaseerd",
...          "gap": True, "on": False, "nu": 1, "no": 5}]
>>> shapes = scene(rows, ["wonen"], ["zorg"], {"praktijkgebaseerd": "#3e8e7e"},
...                {"title": "Kaart & <test>", "evidence": "Bewijs", "stated": "vol",
...                 "derived": "licht", "gap": "witte vlek", "size": "oplossingen"})
>>> svg = to_svg(shapes)
>>> svg.startswith("<svg") and "Kaart &amp; &lt;test&gt;" in svg and "<circle" in svg
True
>>> to_png(shapes)[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""

from __future__ import annotations

import io
import math
from dataclasses import dataclass
from functools import lru_cache
from xml.sax.saxutils import escape

__all__ = ["Shape", "scene", "to_svg", "to_png", "GAP", "INK"]

GAP = "#d1495b"   # gaps: a dashed red frame
INK = "#31333f"   # text and the chosen cell's frame
_CELL, _LEFT, _TOP = 46, 210, 150
_MAX_R = 20


@dataclass(frozen=True)
class Shape:
    """One thing to draw: ``kind`` rect, circle or text, with its geometry and style."""

    kind: str
    x: float
    y: float
    w: float = 0
    h: float = 0
    r: float = 0
    fill: str | None = None
    stroke: str | None = None
    width: float = 0
    dash: bool = False
    opacity: float = 1.0
    text: str = ""
    size: float = 12
    anchor: str = "start"
    rotate: float = 0
    bold: bool = False


def scene(rows: list[dict], row_order: list[str], col_order: list[str],
          palette: dict[str, str], words: dict[str, str]) -> list[Shape]:
    """The shapes of the map. ``rows`` hold ``y``, ``x`` (labels), ``n`` (solutions), ``ns``
    (stated), ``ev`` (strongest evidence, a key of ``palette``), ``gap`` and ``on``;
    ``words`` the title and legend words (``title``, ``evidence``, ``stated``, ``derived``,
    ``gap``, ``size``)."""
    top_n = max([r["n"] for r in rows] + [1])
    ys = {y: i for i, y in enumerate(row_order)}
    xs = {x: i for i, x in enumerate(col_order)}
    out = [Shape("text", 12, 24, text=words["title"], size=16, bold=True)]
    for x, i in xs.items():
        out.append(Shape("text", _LEFT + (i + 0.5) * _CELL, _TOP - 8, text=x, size=12,
                         rotate=-45))
    for y, j in ys.items():
        out.append(Shape("text", _LEFT - 8, _TOP + (j + 0.5) * _CELL + 4, text=y, size=12,
                         anchor="end"))
    for r in rows:
        if r["y"] not in ys or r["x"] not in xs:
            continue
        x0, y0 = _LEFT + xs[r["x"]] * _CELL, _TOP + ys[r["y"]] * _CELL
        cx, cy = x0 + _CELL / 2, y0 + _CELL / 2
        out.append(Shape("rect", x0 + 1, y0 + 1, w=_CELL - 2, h=_CELL - 2, fill="#f3f4f7"))
        colour = palette.get(r.get("ev") or "", "#9e9e9e")
        if r["n"]:
            out.append(Shape("circle", cx, cy, r=_radius(r["n"], top_n), fill=colour,
                             opacity=0.4))
        if r.get("ns"):
            out.append(Shape("circle", cx, cy, r=_radius(r["ns"], top_n), fill=colour))
        if r["n"]:
            out.append(Shape("text", x0 + _CELL - 3, y0 + _CELL - 4, text=str(r["n"]), size=9,
                             anchor="end", fill="#55575f"))
        if r.get("gap"):
            out.append(Shape("rect", x0 + 2, y0 + 2, w=_CELL - 4, h=_CELL - 4, stroke=GAP,
                             width=2, dash=True))
        if r.get("on"):
            out.append(Shape("rect", x0 + 1, y0 + 1, w=_CELL - 2, h=_CELL - 2, stroke=INK,
                             width=3))
    y = _TOP + len(ys) * _CELL + 30
    out.append(Shape("text", 12, y, text=words["evidence"], size=12, bold=True))
    x = 12.0
    for label, colour in palette.items():
        y_row = y + 22
        out.append(Shape("circle", x + 7, y_row - 4, r=7, fill=colour))
        out.append(Shape("text", x + 19, y_row, text=label, size=12))
        x += 30 + 7 * len(label)
    y += 50
    out.append(Shape("circle", 19, y - 4, r=9, fill="#7a7d85", opacity=0.4))
    out.append(Shape("circle", 19, y - 4, r=5, fill="#7a7d85"))
    out.append(Shape("text", 34, y, text=f"{words['stated']} · {words['derived']}", size=12))
    y += 24
    out.append(Shape("rect", 11, y - 14, w=16, h=16, stroke=GAP, width=2, dash=True))
    out.append(Shape("text", 34, y, text=words["gap"], size=12))
    y += 24
    out.append(Shape("text", 12, y, text=words["size"].format(n=top_n), size=12,
                     fill="#55575f"))
    return out


def _radius(n: int, top: int) -> float:
    """Area proportional to the count; the fullest cell gets the largest circle."""
    return max(2.5, _MAX_R * math.sqrt(n / top))


def _extent(shapes: list[Shape]) -> tuple[int, int]:
    def right(s: Shape) -> float:  # text: about 0.55 em a letter; turned 45°: cos 45°
        if s.kind != "text":
            return s.x + s.w + s.r
        return s.x + 0.55 * s.size * len(s.text) * (0.71 if s.rotate else 1)
    width = max([right(s) for s in shapes] + [400])
    height = max([s.y + s.h + s.r for s in shapes] + [200])
    return int(min(width, 2400)) + 20, int(height) + 20


def to_svg(shapes: list[Shape]) -> str:
    """The shapes as a standalone SVG document (text escaped)."""
    width, height = _extent(shapes)
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
             f'viewBox="0 0 {width} {height}" font-family="Source Sans Pro, Source Sans 3, '
             f'Helvetica, Arial, sans-serif">', f'<rect width="{width}" height="{height}" '
             f'fill="white"/>']
    for s in shapes:
        if s.kind == "rect":
            style = (f'fill="{s.fill or "none"}"' + (f' stroke="{s.stroke}" stroke-width='
                                                     f'"{s.width}"' if s.stroke else "")
                     + (' stroke-dasharray="4 3"' if s.dash else ""))
            parts.append(f'<rect x="{s.x:.1f}" y="{s.y:.1f}" width="{s.w:.1f}" '
                         f'height="{s.h:.1f}" rx="3" {style}/>')
        elif s.kind == "circle":
            parts.append(f'<circle cx="{s.x:.1f}" cy="{s.y:.1f}" r="{s.r:.1f}" '
                         f'fill="{s.fill}" fill-opacity="{s.opacity}"/>')
        else:
            turn = f' transform="rotate({s.rotate} {s.x:.1f} {s.y:.1f})"' if s.rotate else ""
            anchor = {"start": "start", "end": "end", "middle": "middle"}[s.anchor]
            weight = ' font-weight="600"' if s.bold else ""
            parts.append(f'<text x="{s.x:.1f}" y="{s.y:.1f}" font-size="{s.size}" '
                         f'fill="{s.fill or INK}" text-anchor="{anchor}"{weight}{turn}>'
                         f'{escape(s.text)}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


@lru_cache(maxsize=8)
def _font(size: int, bold: bool):
    from PIL import ImageFont

    try:
        import font_source_sans_pro as fonts

        path = fonts.font_files_ttf.get("SourceSansProSemibold" if bold else "SourceSansPro")
        if path:
            return ImageFont.truetype(path, size)
    except (ImportError, OSError, AttributeError):
        pass
    return ImageFont.load_default(size)


def _rgb(colour: str, opacity: float = 1.0) -> tuple[int, int, int]:
    """A colour mixed with white by ``opacity`` (the map's background is white)."""
    value = colour.lstrip("#")
    rgb = [int(value[i:i + 2], 16) for i in (0, 2, 4)]
    return tuple(round(255 - (255 - c) * opacity) for c in rgb)


def to_png(shapes: list[Shape], scale: int = 2) -> bytes:
    """The shapes as a PNG image (Pillow), ``scale`` pixels per SVG unit."""
    from PIL import Image, ImageDraw

    width, height = _extent(shapes)
    image = Image.new("RGB", (width * scale, height * scale), "white")
    draw = ImageDraw.Draw(image)
    k = scale
    for s in shapes:
        if s.kind == "rect":
            box = [s.x * k, s.y * k, (s.x + s.w) * k, (s.y + s.h) * k]
            if s.fill:
                draw.rounded_rectangle(box, radius=3 * k, fill=_rgb(s.fill))
            if s.stroke and s.dash:
                _dashed(draw, box, _rgb(s.stroke), int(s.width * k))
            elif s.stroke:
                draw.rounded_rectangle(box, radius=3 * k, outline=_rgb(s.stroke),
                                       width=int(s.width * k))
        elif s.kind == "circle":
            draw.ellipse([(s.x - s.r) * k, (s.y - s.r) * k, (s.x + s.r) * k, (s.y + s.r) * k],
                         fill=_rgb(s.fill or INK, s.opacity))
        else:
            font = _font(int(s.size * k), s.bold)
            colour = _rgb(s.fill or INK)
            if s.rotate:
                left, top, right, bottom = font.getbbox(s.text)
                label = Image.new("RGBA", (right + 4, bottom + 4), (255, 255, 255, 0))
                ImageDraw.Draw(label).text((0, 0), s.text, font=font, fill=colour)
                turned = label.rotate(-s.rotate, expand=True, resample=Image.BICUBIC)
                image.paste(turned, (int(s.x * k), int(s.y * k) - turned.height), turned)
            else:
                anchor = {"start": "ls", "end": "rs", "middle": "ms"}[s.anchor]
                draw.text((s.x * k, s.y * k), s.text, font=font, fill=colour, anchor=anchor)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()


def _dashed(draw, box, colour, width: int, on: int = 8, off: int = 6) -> None:
    x0, y0, x1, y1 = box
    for a, b, horizontal, fixed in ((x0, x1, True, y0), (x0, x1, True, y1),
                                    (y0, y1, False, x0), (y0, y1, False, x1)):
        pos = a
        while pos < b:
            end = min(pos + on, b)
            line = [(pos, fixed), (end, fixed)] if horizontal else [(fixed, pos), (fixed, end)]
            draw.line(line, fill=colour, width=width)
            pos = end + off
