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
    "loads": "kehoach.api",
    "from_dict": "kehoach.api",
    "render": "kehoach.api",
    "render_file": "kehoach.api",
    "render_many": "kehoach.api",
    "validate_many": "kehoach.api",
    "to_docx_bytes": "kehoach.api",
    "OutputError": "kehoach.api",
    "BatchReport": "kehoach.batch",
    "Diagnostic": "kehoach.spec.diagnostics",
    "Report": "kehoach.spec.diagnostics",
    "Severity": "kehoach.spec.diagnostics",
    "SpecError": "kehoach.spec.diagnostics",
    "KeHoach": "kehoach.spec.model",
}

__all__ = [
    "BatchReport",
    "Diagnostic",
    "KeHoach",
    "OutputError",
    "Report",
    "Severity",
    "SpecError",
    "__version__",
    "from_dict",
    "load",
    "loads",
    "render",
    "render_file",
    "render_many",
    "to_docx_bytes",
    "validate_many",
]

if TYPE_CHECKING:
    from kehoach.api import (
        OutputError,
        from_dict,
        load,
        loads,
        render,
        render_file,
        render_many,
        to_docx_bytes,
        validate_many,
    )
    from kehoach.batch import BatchReport
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
