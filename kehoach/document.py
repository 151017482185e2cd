"""The document model between composing and laying out (pandoc's AST, in miniature).

`compose` turns a spec plus wording into this; the writer lays it out as .docx. Nothing here
knows about YAML or about OOXML, so future writers (PDF preview, HTML) and future readers
(importing existing plans) meet in the middle. Every text arrives final: numbered,
punctuated, in the law's fixed wording.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
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
    ITEM_TITLE = "tieu_de_khoan"  # 1. Bold sentence case
    ITEM = "khoan"  # 1. / a) / - / + regular
    CLOSING = "ket_luan"  # ND-6: ends with ./.


@dataclass
class Block:
    role: Role
    spans: list[Span]
    keep_with_next: bool = False
    level: int = 0  # outline level of a heading: 1 = I., 2 = 1., 3 = a); 0 = not a heading

    @property
    def text(self) -> str:
        return "".join(s.text for s in self.spans)


@dataclass
class Header:
    superior: list[str]  # CQ-2
    body: list[str]  # CQ-3
    number_line: str  # SO-1
    place_date: str  # DD-1


@dataclass
class Signature:
    authority: list[str]  # KY-1, §9.2
    name: str  # KY-2


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
class Document:
    header: Header
    type_name: str  # TL-1
    summary: list[str]  # TL-2, one entry per intended line
    blocks: list[Block]
    recipients_label: str  # NN-1
    recipients: list[str]  # NN-2, NN-3, already punctuated
    signature: Signature
    page: Page
    title: str = ""  # document properties: the trích yếu
    author: str = ""  # the issuing body
    issued: dt.date | None = None  # date of issue, when the spec gives it
