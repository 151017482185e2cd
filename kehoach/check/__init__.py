"""``kehoach check``: layout conformance of any .docx Kế hoạch — a state plan under NĐ 30/2020/
NĐ-CP, a Party plan under Hướng dẫn 05-HD/VPTW.

The checker reads the document itself — effective formatting through styles, tables,
headers and drawings — recognises from its header which law it follows (hd05-spec §12),
and reports every violated rule of that law's spec by its ID (nd30-spec; ``D-`` IDs of
hd05-spec for a Party document).
"""

from .checker import CheckResult, UnreadableDocx, check_document, check_docx, check_page_breaks
from .findings import ERROR, WARNING, Finding, Findings
from .recognise import Recognition, recognise

__all__ = [
    "ERROR",
    "WARNING",
    "CheckResult",
    "Finding",
    "Findings",
    "Recognition",
    "UnreadableDocx",
    "check_document",
    "check_docx",
    "check_page_breaks",
    "recognise",
]
