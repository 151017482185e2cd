"""Entry point: open a .docx, model it, locate components, run every rule family."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
from docx.opc.exceptions import PackageNotFoundError

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


def check_docx(path: str | Path) -> list[Finding]:
    """Every NĐ 30 violation found in the document at ``path``.

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
    layout = locate(model)
    c = Collector()
    check_page_setup(model, c)
    check_page_numbers(model, layout, c)
    check_text(model, c)
    check_header(model, layout, c)
    check_body(layout, c)
    check_closing(model, layout, c)
    return c.finish()
