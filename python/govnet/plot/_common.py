"""Helpers shared by the figure modules of govnet.plot (not public API)."""

from __future__ import annotations

from typing import Any


def plain_text_rc() -> dict[str, Any]:
    """rcParams under which every text of a figure is drawn as plain text.

    Actor names, relation names and titles come from the user's data; matplotlib
    would read ``$...$`` in them as mathtext (an unbalanced ``$``, as in an actor
    named ``A$B``, raises while drawing, and ``$x^2$`` would be typeset). With
    ``text.parse_math`` off each text object created under these rcParams keeps
    its characters as they are, also when the figure is saved later."""
    return {"text.parse_math": False}
