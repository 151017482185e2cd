"""kehoach: Kế hoạch documents in the exact layout of Nghị định 30/2020/NĐ-CP.

The public API is imported on first use, so ``kehoach --version`` and scripts that need only
part of it do not pay for the rest (pydantic, Jinja, the writer).
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from kehoach.version import __version__

_PUBLIC = {
    "load": "kehoach.api",
    "render": "kehoach.api",
    "render_file": "kehoach.api",
    "to_docx_bytes": "kehoach.api",
    "Diagnostic": "kehoach.spec.diagnostics",
    "Report": "kehoach.spec.diagnostics",
    "Severity": "kehoach.spec.diagnostics",
    "SpecError": "kehoach.spec.diagnostics",
    "KeHoach": "kehoach.spec.model",
}

__all__ = [
    "Diagnostic",
    "KeHoach",
    "Report",
    "Severity",
    "SpecError",
    "__version__",
    "load",
    "render",
    "render_file",
    "to_docx_bytes",
]

if TYPE_CHECKING:
    from kehoach.api import load, render, render_file, to_docx_bytes
    from kehoach.spec.diagnostics import Diagnostic, Report, Severity, SpecError
    from kehoach.spec.model import KeHoach


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'kehoach' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
