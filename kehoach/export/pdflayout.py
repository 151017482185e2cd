"""Read the text layer of a PDF with its geometry (poppler ``pdftotext -bbox-layout``).

Used by the layout tests (page numbers in the top margin, Quốc hiệu on one line, signature
not alone on a page) and available for future checks on rendered output.

Coordinates are millimetres with the origin at the TOP-LEFT corner of the page, y growing
downwards (as in pdftotext). Boxes are glyph boxes from the font's ascent/descent, so a line
box is a little taller than the visible ink. Text is NFC-normalised.
"""

from __future__ import annotations

import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from kehoach.export.pdf import ConversionError, require_poppler_tool

__all__ = ["Line", "Page", "Word", "parse_bbox_layout", "read_pdf_layout"]

MM_PER_PT = 25.4 / 72
_XHTML = "{http://www.w3.org/1999/xhtml}"


@dataclass(frozen=True)
class Word:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class Line:
    """One text line as grouped by pdftotext (words sharing a baseline within one block)."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    words: tuple[Word, ...] = ()

    @property
    def cx(self) -> float:
        return (self.x0 + self.x1) / 2

    @property
    def cy(self) -> float:
        return (self.y0 + self.y1) / 2

    @property
    def width(self) -> float:
        return self.x1 - self.x0

    @property
    def height(self) -> float:
        return self.y1 - self.y0


@dataclass(frozen=True)
class Page:
    number: int  # 1-based physical page index in the PDF
    width_mm: float
    height_mm: float
    lines: tuple[Line, ...]  # sorted top to bottom, then left to right

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def is_landscape(self) -> bool:
        return self.width_mm > self.height_mm

    def lines_above(self, y_mm: float) -> list[Line]:
        """Lines whose vertical centre lies above ``y_mm`` (e.g. inside the top margin)."""
        return [line for line in self.lines if line.cy < y_mm]

    def lines_below(self, y_mm: float) -> list[Line]:
        """Lines whose vertical centre lies at or below ``y_mm``."""
        return [line for line in self.lines if line.cy >= y_mm]


def _local(tag: object) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _mm(element: etree._Element, name: str) -> float:
    return float(element.get(name, "0")) * MM_PER_PT


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def parse_bbox_layout(xhtml: bytes | str) -> list[Page]:
    """Parse the XHTML written by ``pdftotext -bbox-layout`` into pages of lines."""
    data = xhtml.encode("utf-8") if isinstance(xhtml, str) else xhtml
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=True)
    root = etree.fromstring(data, parser)
    if root is None:
        raise ValueError("pdftotext output is not XML")
    pages: list[Page] = []
    for page_el in root.iter(f"{_XHTML}page", "page"):
        lines: list[Line] = []
        for line_el in page_el.iter(f"{_XHTML}line", "line"):
            words = tuple(
                Word(
                    _nfc("".join(w.itertext()).strip()),
                    _mm(w, "xMin"),
                    _mm(w, "yMin"),
                    _mm(w, "xMax"),
                    _mm(w, "yMax"),
                )
                for w in line_el
                if _local(w.tag) == "word"
            )
            words = tuple(w for w in words if w.text)
            if not words:
                continue
            lines.append(
                Line(
                    " ".join(w.text for w in words),
                    _mm(line_el, "xMin"),
                    _mm(line_el, "yMin"),
                    _mm(line_el, "xMax"),
                    _mm(line_el, "yMax"),
                    words,
                )
            )
        lines.sort(key=lambda ln: (round(ln.y0, 1), ln.x0))
        pages.append(
            Page(
                number=len(pages) + 1,
                width_mm=_mm(page_el, "width"),
                height_mm=_mm(page_el, "height"),
                lines=tuple(lines),
            )
        )
    return pages


def read_pdf_layout(pdf: Path | str, *, timeout: float = 120.0) -> list[Page]:
    """Pages of ``pdf`` with their size and text lines (mm). Raises ConversionError."""
    src = Path(pdf)
    if not src.is_file():
        raise ConversionError(f"Không tìm thấy tệp PDF cần đọc: {src}")
    exe = require_poppler_tool("pdftotext")
    try:
        proc = subprocess.run(
            [exe, "-bbox-layout", "-enc", "UTF-8", str(src), "-"],
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        raise ConversionError(f"pdftotext không đọc xong tệp {src} sau {timeout:g} giây.") from exc
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip()[-1000:]
        raise ConversionError(
            f"pdftotext không đọc được tệp {src} (mã thoát {proc.returncode}).\n{tail}".rstrip(),
            stderr=tail,
        )
    return parse_bbox_layout(proc.stdout)
