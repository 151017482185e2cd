"""The Python API: the pipeline the command line runs, for scripts.

    import kehoach

    spec = kehoach.load("ke-hoach.yaml")        # or loads(text), from_dict(data)
    spec.warnings                               # what validation warned about
    kehoach.render(spec, "out/")                # out/ke-hoach.docx; or a .docx name
    data = kehoach.to_docx_bytes(spec)          # same input → same bytes
    report = kehoach.render_many(["ho-so/"], "out", jobs=2, keep_going=True)

Bad input raises ``kehoach.SpecError``: every error at once, in Vietnamese, sorted by
position, with file:line:column (or the key path for a dict). Nothing of the user's is
overwritten unless kehoach made it or ``force=True``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

from kehoach.batch import BatchReport, Progress, Settings, run_batch, spec_jobs, unit_jobs
from kehoach.compose import compose
from kehoach.compose.wording import Wording
from kehoach.export.outputs import Output, refusals, write_atomic
from kehoach.spec.diagnostics import SpecError
from kehoach.spec.loader import Loaded, load_file, load_text
from kehoach.spec.model import KeHoach
from kehoach.spec.validate import validate_loaded
from kehoach.writer import to_bytes

DEFAULT_NAME = "ke-hoach.docx"


class OutputError(Exception):
    """A file could not be written as promised; the message is Vietnamese."""


def _checked(loaded: Loaded) -> KeHoach:
    spec, report = validate_loaded(loaded)
    if spec is None:
        raise SpecError(report)
    return spec


def load(path: str | Path) -> KeHoach:
    """Read and validate the spec at ``path``."""
    return _checked(load_file(Path(path)))


def loads(text: str, *, name: str | Path | None = None) -> KeHoach:
    """Validate a spec given as YAML text; ``name`` is how messages call it."""
    return _checked(load_text(text, Path(name) if name else None))


def from_dict(data: Mapping[str, Any]) -> KeHoach:
    """Validate a spec given as data (what YAML would load); messages name key paths."""
    return _checked(Loaded(data=dict(data), file=None))


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
    """The .docx of ``spec``; pass ``wording`` (``wording_for``) to reuse one across plans."""
    return to_bytes(compose(spec, wording or wording_for(templates)))


def target_for(spec: KeHoach, out: str | Path) -> Path:
    """``out`` when it names a .docx file, else the plan's file name inside folder ``out``."""
    path = Path(out)
    if path.suffix.lower() == ".docx" and not path.is_dir():
        return path
    name = f"{spec.source.stem}.docx" if spec.source else DEFAULT_NAME
    return path / name


def render(
    spec: KeHoach,
    out: str | Path,
    *,
    templates: str | Path | None = None,
    force: bool = False,
) -> Path:
    """Write ``spec`` as .docx at ``out`` (a .docx name, or a folder) atomically. A file of
    that name that kehoach did not make is kept and ``OutputError`` raised, unless ``force``."""
    target = target_for(spec, out)
    problems = refusals([Output(target, spec.source, b"")], force=force)
    if problems:
        raise OutputError("\n".join(problems))
    write_atomic(target, to_docx_bytes(spec, templates=templates))
    return target


def render_file(
    path: str | Path,
    out: str | Path | None = None,
    *,
    templates: str | Path | None = None,
    force: bool = False,
) -> Path:
    """Load, validate and render the spec at ``path`` beside it, or into ``out``."""
    source = Path(path)
    return render(
        load(source), out if out is not None else source.parent, templates=templates, force=force
    )


def render_many(
    inputs: Iterable[str | Path],
    output: str | Path | None = None,
    *,
    jobs: int | None = None,
    keep_going: bool = False,
    force: bool = False,
    templates: str | Path | None = None,
    pdf: bool = False,
    png: bool = False,
    units: str | Path | None = None,
    names: str | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Render spec files, folders and patterns (or one master plan × the rows of ``units``)
    with the command line's guarantees: targets checked first, nothing written when any
    input is wrong (unless ``keep_going``), atomic writes, the same bytes for any ``jobs``.
    Returns the report; it never raises for bad input."""
    return _batch(
        "render",
        inputs,
        output,
        jobs,
        keep_going,
        force,
        templates,
        (pdf, png),
        units,
        names,
        progress,
    )


def validate_many(
    inputs: Iterable[str | Path],
    *,
    jobs: int | None = None,
    units: str | Path | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Validate spec files, folders and patterns (or a master plan × ``units``)."""
    return _batch(
        "validate", inputs, None, jobs, False, False, None, (False, False), units, None, progress
    )


def _batch(
    command: str,
    inputs: Iterable[str | Path],
    output: str | Path | None,
    jobs: int | None,
    keep_going: bool,
    force: bool,
    templates: str | Path | None,
    pages: tuple[bool, bool],
    units: str | Path | None,
    names: str | None,
    progress: Progress | None,
) -> BatchReport:
    from kehoach.compose.wording import TemplateProblem

    write = command == "render"
    paths = [Path(p) for p in inputs]
    out = Path(output) if output is not None else None
    problems: list[str] = []
    early = []
    if units is not None:
        if len(paths) != 1:
            problems.append(f"--don-vi cần đúng một kế hoạch khung; đang có {len(paths)} tệp")
            job_list = []
        else:
            job_list, early, problems = unit_jobs(paths[0], Path(units), out, names)
    else:
        job_list, problems = spec_jobs(paths, out)
    folder = Path(templates) if templates is not None else None
    if write and folder is not None and not (folder / "ke_hoach.j2").is_file():
        problems.append(f"{folder}: không có tệp mẫu ke_hoach.j2")
    elif write and folder is not None:
        try:
            Wording(folder)  # a broken office template stops the batch before any work
        except TemplateProblem as exc:
            problems.append(f"lỗi mẫu câu chữ: {exc}")
    return run_batch(
        command,
        job_list,
        write=write,
        settings=Settings(write=write, templates=folder),
        keep_going=keep_going,
        force=force,
        jobs_count=jobs,
        pages=pages,
        early=early,
        problems=problems,
        progress=progress,
    )
