"""Small python-docx helpers for the hand-built test documents (independent of the renderer,
so layout assertions and checker rules are proved against documents kehoach did not make)."""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.table import Table


def no_borders(table: Table) -> None:
    """H-3: every table border explicitly nil."""
    borders = OxmlElement("w:tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:val"), "nil")
        borders.append(edge)
    table._tbl.tblPr.append(borders)
