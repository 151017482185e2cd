"""The document model between composing and laying out (pandoc's AST, in miniature).

`compose` turns a spec plus wording into this; the writer lays it out as .docx. Nothing here
knows about YAML or about OOXML, so future writers (PDF preview, HTML) and future readers
(importing existing plans) meet in the middle. Every text arrives final: numbered,
punctuated, in the law's fixed wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Span:
    text: str
    bold: bool = False
    italic: bool = False


class Role(str, Enum):
    """What a body paragraph is; the writer maps roles to NĐ 30 paragraph styles."""

    LEGAL_BASIS = "can_cu"  # CC-1: italic
    BODY = "doan"  # ND-1..ND-5
    PART_HEADING = "muc"  # I. UPPERCASE BOLD (§8.3)
    PART_LABEL = "phan"  # Phần I / its title: centred, bold (§8.3 scheme b)
    ITEM_TITLE = "tieu_de_khoan"  # 1. Bold sentence case
    ITEM = "khoan"  # 1. / a) / - / + regular
    CLOSING = "ket_luan"  # ND-6: ends with ./.
    DECISION_LINE = "quyet_dinh"  # "QUYẾT ĐỊNH:" before the articles of a Quyết định
    ARTICLE = "dieu"  # "Điều 1. …" (§8.3 scheme a)
    TABLE = "bang"  # a table (``Block.table``)


@dataclass
class TableCell:
    """A cell in grid order: its paragraphs, and how it spans the grid."""

    paragraphs: list[list[Span]]
    colspan: int = 1
    rowspan: int = 1  # > 1: the first cell of a vertical merge
    covered: bool = False  # under a cell of the row above that spans down (vMerge continue)
    bold: bool = False
    align: str = "left"  # left, center, right, both
    heads_rows: bool = False  # a group row ("I. CÔNG TÁC …"): never alone at a page foot


@dataclass
class Table:
    """A content table: relative column widths, a header row repeated on every page."""

    widths: list[float]
    header: list[TableCell]
    rows: list[list[TableCell]]
    caption: str | None = None
    size: float | None = None  # points; None: the body size


@dataclass
class Block:
    role: Role
    spans: list[Span]
    keep_with_next: bool = False
    level: int = 0  # outline level of a heading: 1 = I., 2 = 1., 3 = a); 0 = not a heading
    table: Table | None = None

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Header:
    superior: list[str]  # CQ-2
    body: list[str]  # CQ-3
    number_line: str | None  # SO-1; None for a text attached to a Quyết định (Mẫu 1.3)
    place_date: str | None  # DD-1; idem


@dataclass
class Signature:
    authority: list[str]  # KY-1, §9.2: "TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH"
    name: str  # KY-2
    position: str | None = None  # the signer's own position ("PHÓ CHỦ TỊCH"), last above the space

    @property
    def lines(self) -> list[str]:
        """The lines above the signing space, top to bottom (KY-1)."""
        return [*self.authority, *([self.position] if self.position else [])]


@dataclass(frozen=True)
class Page:
    """Page setup in millimetres (P-1..P-4) and the body font size (ND-1)."""

    top: float
    bottom: float
    left: float
    right: float
    body_size: float
    width: float = 210.0
    height: float = 297.0

    @property
    def text_width(self) -> float:
        return self.width - self.left - self.right


@dataclass
class Appendix:
    """A Phụ lục (PL-*): a new section with its own page numbers, maybe landscape."""

    label: str  # PL-1, PL-2: "Phụ lục" or "Phụ lục II"
    title: str | None  # PL-3, uppercase
    note: str  # PL-4: "(Kèm theo Kế hoạch số … ngày … của …)"
    blocks: list[Block]
    landscape: bool = False


@dataclass
class Document:
    header: Header
    type_name: str  # TL-1
    summary: list[str]  # TL-2, one entry per intended line
    blocks: list[Block]
    recipients_label: str  # NN-1
    recipients: list[str]  # NN-2, NN-3, already punctuated; empty: no Nơi nhận (attached text)
    signature: Signature
    page: Page
    title: str = ""  # document properties: the trích yếu
    author: str = ""  # the issuing body
    issued: dt.date | None = None  # date of issue, when the spec gives it
    note: str | None = None  # "(Ban hành kèm theo Quyết định số …)" under the trích yếu
    authority: str | None = None  # a Quyết định's issuing authority, under its title
    appendices: list[Appendix] = field(default_factory=list)
    decision: Document | None = None  # the Quyết định that issues this plan, printed first
    law: str = "nd30"  # Profile.key of the layout law it is written under (NĐ 30, HD 05)
