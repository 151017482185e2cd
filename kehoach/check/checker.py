"""Entry point: open a .docx, model it, locate components, run every rule family."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile

from .docmodel import DocModel
from .findings import Collector, Finding
from .locate import locate
from .rules_body import check_body
from .rules_closing import check_closing
from .rules_header import check_header
from .rules_page import check_page_numbers, check_page_setup
from .rules_text import check_text


class UnreadableDocx(ValueError):
    """The file cannot be opened as a Word document; the message is Vietnamese."""


def _open(path: Path) -> docx.document.Document:
    if not path.exists():
        raise UnreadableDocx(f"Không tìm thấy tệp «{path}».")
    if path.is_dir():
        raise UnreadableDocx(f"«{path}» là thư mục, không phải tệp .docx.")
    if not zipfile.is_zipfile(path):
        hint = ""
        if path.suffix.lower() == ".doc":
            hint = " Tệp .doc (Word 97–2003) cần lưu lại thành .docx trước khi kiểm tra."
        raise UnreadableDocx(f"«{path.name}» không phải tệp .docx hợp lệ.{hint}")
    try:
        return docx.Document(str(path))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        # The library's reason is English and technical; the clerk needs what to do.
        raise UnreadableDocx(
            f"Không đọc được «{path.name}» như một văn bản Word (.docx): tệp bị hỏng hoặc"
            " không phải do Word/LibreOffice lưu. Mở tệp bằng Word rồi lưu lại dạng .docx."
        ) from exc


def check_docx(path: str | Path, profile: Profile = ND30) -> list[Finding]:
    """Every violation of ``profile`` (the NĐ 30 rule book unless told) in the document at
    ``path``. Every layout fact a rule judges by comes from ``profile``.

    Raises ``UnreadableDocx`` (a ValueError with a Vietnamese message) when the file is
    not a readable .docx.
    """
    document = _open(Path(path))
    try:
        model = DocModel(document)
    except Exception as exc:  # malformed XML inside an otherwise valid package
        raise UnreadableDocx(
            f"Cấu trúc tệp «{Path(path).name}» bị lỗi; mở bằng Word rồi lưu lại dạng .docx."
        ) from exc
    layout = locate(model, profile)
    c = Collector()
    check_page_setup(model, c, profile)
    check_page_numbers(model, layout, c, profile)
    check_text(model, c, profile)
    check_header(model, layout, c, profile)
    check_body(layout, c, profile)
    check_closing(model, layout, c, profile)
    return c.finish()
