"""Save figures for a journal: PDF and SVG with the Chinese font embedded, PNG.

A journal's production system opens a PDF or SVG on a machine that may have
no Chinese font: text set in a font that is only *referenced* then shows as
boxes or falls back to another face. :func:`save_figure` embeds the font:

* **PDF** — ``pdf.fonttype = 42``: the CJK font (e.g. Noto Sans CJK SC) is
  embedded as a subset (only the glyphs used) with a ToUnicode map, so the
  text stays text: it can be searched, copied and extracted (the tests read
  the Chinese labels back out of the saved PDF with pypdf).
* **SVG** — ``svg_text="path"`` (default): every glyph is drawn as an
  outline, so the file looks the same everywhere with no font installed
  (``svg.fonttype = "path"``; matplotlib still writes each string as an XML
  comment beside its glyphs). ``svg_text="text"`` keeps ``<text>`` elements
  (``svg.fonttype = "none"``), editable in Inkscape or Illustrator, but the
  viewer then needs the font.
* **PNG** — a raster at ``dpi`` (default 300, what most journals ask).

Before saving, every text of the figure that contains a CJK character and
whose font list names no CJK font gets the installed CJK font put first
(:func:`govnet.plot.find_cjk_font`), so a title set after drawing, or a
figure made outside govnet, does not come out as boxes. The figure is
otherwise unchanged.

Examples
--------
>>> import govnet
>>> net = govnet.datasets.nanshan()
>>> ax = govnet.plot.structure(net, relation="all")  # doctest: +SKIP
>>> govnet.plot.save_figure(ax, "structure.pdf")  # doctest: +SKIP
PosixPath('structure.pdf')
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from govnet.errors import InvalidParameterError
from govnet.plot.figures import find_cjk_font

__all__ = ["save_figure", "FORMATS", "has_cjk"]

#: The formats :func:`save_figure` writes (from the file's suffix or ``format=``).
FORMATS = ("pdf", "svg", "png")

_CJK = re.compile("[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


def has_cjk(text: str) -> bool:
    """Whether ``text`` has a CJK ideograph, kana, hangul or full-width character."""
    return bool(_CJK.search(text))


def _figure_of(fig: Any) -> Any:
    """The Figure of a Figure, an Axes or an array / list of Axes."""
    if hasattr(fig, "savefig"):
        return fig
    if hasattr(fig, "figure") and hasattr(fig.figure, "savefig"):
        return fig.figure
    if isinstance(fig, (list, tuple, np.ndarray)):
        flat = np.asarray(fig, dtype=object).ravel()
        if len(flat) and hasattr(flat[0], "figure"):
            return flat[0].figure
    raise TypeError(f"expected a matplotlib Figure or Axes, got {type(fig).__name__}")


def _ensure_cjk_fonts(figure: Any) -> None:
    from matplotlib.text import Text

    cjk = None
    for t in figure.findobj(Text):
        if not has_cjk(t.get_text()):
            continue
        families = list(t.get_fontfamily())
        if any(any(k in f for k in ("CJK", "Han ", "Hei", "Ming", "Song", "Kai", "WenQuanYi",
                                    "YaHei", "PingFang")) for f in families):
            continue
        if cjk is None:
            cjk = find_cjk_font() or ""
        if cjk:
            t.set_fontfamily([cjk, *families])


def save_figure(fig: Any, path: str | os.PathLike[str], *, format: str | None = None,
                dpi: float = 300.0, svg_text: str = "path", bbox_inches: str | None = "tight",
                transparent: bool = False) -> Path:
    """Save a figure as PDF, SVG or PNG with its Chinese font embedded.

    Parameters
    ----------
    fig : matplotlib Figure, Axes, or an array of Axes (what govnet.plot returns)
    path : str or path-like
        The file; its suffix chooses the format unless ``format`` is given.
    format : {"pdf", "svg", "png"}, optional
    dpi : float
        Resolution of PNG output and of any raster part of a PDF/SVG.
    svg_text : {"path", "text"}
        SVG only: glyphs as outlines (self-contained, default) or as
        ``<text>`` elements (editable; the viewer needs the font).
    bbox_inches : "tight" or None
        Crop to the drawn content (default) or keep the figure size.
    transparent : bool
        Transparent background.

    Returns
    -------
    pathlib.Path
        The path written.
    """
    import matplotlib

    figure = _figure_of(fig)
    out = Path(path)
    fmt = (format or out.suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise InvalidParameterError(f"format must be one of {', '.join(FORMATS)} (from the file "
                                    f"suffix or format=), got {fmt!r}")
    if svg_text not in ("path", "text"):
        raise InvalidParameterError(f"svg_text must be 'path' or 'text', got {svg_text!r}")
    if not isinstance(dpi, (int, float)) or isinstance(dpi, bool) or not dpi > 0:
        raise InvalidParameterError(f"dpi must be a positive number, got {dpi!r}")
    _ensure_cjk_fonts(figure)
    rc: dict[str, Any] = {"pdf.fonttype": 42, "ps.fonttype": 42,
                          "svg.fonttype": "path" if svg_text == "path" else "none"}
    with matplotlib.rc_context(rc):  # type: ignore[arg-type]
        figure.savefig(out, format=fmt, dpi=dpi, bbox_inches=bbox_inches, transparent=transparent)
    return out
