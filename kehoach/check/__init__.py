"""``kehoach check``: NĐ 30/2020/NĐ-CP conformance of any .docx Kế hoạch.

The checker reads the document itself — effective formatting through styles, tables,
headers and drawings — and reports every violated rule of nd30-spec by its ID.
"""

from .checker import UnreadableDocx, check_docx, check_page_breaks
from .findings import ERROR, WARNING, Finding

__all__ = ["ERROR", "WARNING", "Finding", "UnreadableDocx", "check_docx", "check_page_breaks"]
