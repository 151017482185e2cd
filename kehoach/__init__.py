"""kehoach: Kế hoạch documents in the exact layout of Nghị định 30/2020/NĐ-CP."""

__version__ = "0.1.0"  # first: modules imported below read it

from kehoach.api import load, render, render_file, to_docx_bytes
from kehoach.diagnostics import Diagnostic, Report, Severity, SpecError
from kehoach.model import KeHoach

__all__ = [
    "Diagnostic",
    "KeHoach",
    "Report",
    "Severity",
    "SpecError",
    "load",
    "render",
    "render_file",
    "to_docx_bytes",
]
