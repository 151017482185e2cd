"""The Python API: the same pipeline the CLI runs, for scripts that render in batches.

import kehoach
spec = kehoach.load("ke-hoach.yaml")          # raises kehoach.SpecError on bad input
kehoach.render(spec, "out/ke-hoach.docx")
kehoach.render_file("ke-hoach.yaml", "out/")  # load → validate → compose → write
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from kehoach.compose import compose
from kehoach.compose.wording import Wording
from kehoach.export.outputs import write_atomic
from kehoach.spec.diagnostics import SpecError
from kehoach.spec.model import KeHoach
from kehoach.spec.validate import validate_file
from kehoach.writer import to_bytes


def load(path: str | Path) -> KeHoach:
    """Read and validate a spec; warnings are ignored here, errors raise ``SpecError``."""
    spec, report = validate_file(Path(path))
    if spec is None:
        raise SpecError(report)
    return spec


@lru_cache(maxsize=1)
def _builtin_wording() -> Wording:
    # Compiling the templates costs more than composing a plan; the built-in ones never change.
    return Wording()


def wording_for(templates: str | Path | None) -> Wording:
    """The wording of an office's template folder (read now), or the built-in one."""
    return Wording(Path(templates)) if templates else _builtin_wording()


def to_docx_bytes(
    spec: KeHoach, *, templates: str | Path | None = None, wording: Wording | None = None
) -> bytes:
    """The .docx of ``spec``; pass ``wording`` (``wording_for``) to reuse one across a batch."""
    return to_bytes(compose(spec, wording or wording_for(templates)))


def render(spec: KeHoach, out: str | Path, *, templates: str | Path | None = None) -> Path:
    """Write ``spec`` as .docx at ``out`` atomically (an existing file is replaced whole)."""
    target = Path(out)
    write_atomic(target, to_docx_bytes(spec, templates=templates))
    return target


def output_path(spec_path: Path, out_dir: Path | None) -> Path:
    return (out_dir or spec_path.parent) / f"{spec_path.stem}.docx"


def render_file(
    path: str | Path, out_dir: str | Path | None = None, *, templates: str | Path | None = None
) -> Path:
    source = Path(path)
    return render(
        load(source), output_path(source, Path(out_dir) if out_dir else None), templates=templates
    )
