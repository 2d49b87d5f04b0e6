"""Tables for a paper: results and tables as LaTeX (booktabs), Word (.docx) and
Markdown, with significance stars and notes (see :mod:`govnet.publish.tables`)."""

from __future__ import annotations

from govnet.publish.tables import (
    P_COLUMNS,
    STARS,
    PaperTable,
    paper_table,
    to_docx,
    to_latex,
    to_markdown,
)

__all__ = ["PaperTable", "paper_table", "to_latex", "to_markdown", "to_docx", "STARS", "P_COLUMNS"]
