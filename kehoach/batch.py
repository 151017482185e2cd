"""Batches: many plans checked, composed and written with the same guarantees as one.

The command line and ``kehoach.render_many`` both run a batch through here:

1. every input becomes a ``Job`` with its target known in advance, and every target is
   checked (``outputs.refusals``) before any work: a user's file is never in the way later;
2. each job is loaded, validated, composed and *staged* (written beside its target under a
   hidden temporary name), in this process or in worker processes — the documents are the
   same bytes whatever the number of workers, and no document is held in memory;
3. at the end the staged files are renamed onto their targets, all of them, or — when any
   input was wrong and the batch is all-or-nothing — none (the staged files are removed).

A units file (master plan × one row per unit) gives one job per row.
"""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from kehoach.export.outputs import (
    Output,
    commit,
    discard,
    flush_to_disk,
    refusals,
    stage,
    sync_folders,
)
from kehoach.inputs import SpecInput, expand
from kehoach.spec.diagnostics import Diagnostic, Severity, os_error_text
from kehoach.version import __version__

Status = Literal["written", "valid", "invalid", "failed", "not_written"]
# Below this many plans per worker, starting workers costs more than it saves.
MIN_PLANS_PER_WORKER = 25
REPORT_VERSION = 1


@dataclass(frozen=True)
class Job:
    """One plan of a batch: where its spec comes from, how messages name it, where it goes."""

    index: int
    label: str
    spec: Path  # the spec file, or the master plan of a units row
    target: Path | None = None
    row: Any = None  # a units.UnitRow


@dataclass(frozen=True)
class Settings:
    """What every job of a batch shares (sent once to each worker)."""

    write: bool
    templates: Path | None = None


# A row whose only error is a column already reported for an earlier row says so.
SAID_ABOVE = "xem lỗi ở trên"


@dataclass
class Outcome:
    """What became of one job: small, so thousands fit in a report."""

    index: int
    label: str
    status: Status
    diagnostics: list[Diagnostic] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    problem: str | None = None
    staged: Path | None = None

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]

    @property
    def error_count(self) -> int:
        """Its errors as the clerk reads them: each located error, and a problem said
        without a place (a file that could not be written) as one more."""
        failed = self.status in ("invalid", "failed")
        alone = failed and self.problem is not None and self.problem != SAID_ABOVE
        return len(self.errors) + alone


@dataclass
class BatchReport:
    """The whole batch: an outcome per input, problems of the batch itself, timing."""

    command: str
    outcomes: list[Outcome] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        failed = any(o.status in ("invalid", "failed") for o in self.outcomes)
        return not failed and not self.problems

    @property
    def written(self) -> list[Path]:
        return [p for o in self.outcomes if o.status == "written" for p in o.outputs]

    def count(self, *statuses: Status) -> int:
        return sum(o.status in statuses for o in self.outcomes)

    @property
    def warning_count(self) -> int:
        return sum(len(o.warnings) for o in self.outcomes)

    @property
    def error_count(self) -> int:
        """Every error said: the inputs' and the batch's own (a name two plans share …)."""
        return sum(o.error_count for o in self.outcomes) + len(self.problems)

    def to_dict(self) -> dict[str, Any]:
        """The report format of `--bao-cao` and `validate --json` (docs/bao-cao.md)."""
        return {
            "phien_ban": REPORT_VERSION,
            "kehoach": __version__,
            "lenh": self.command,
            "dat": self.ok,
            "tong": {
                "dau_vao": len(self.outcomes),
                "da_ghi": self.count("written"),
                "hop_le": self.count("valid"),
                "khong_ghi": self.count("not_written"),
                "loi": self.count("invalid", "failed"),
                "so_loi": self.error_count,
                "so_canh_bao": self.warning_count,
                "giay": round(self.seconds, 3),
            },
            "van_de": list(self.problems),
            "tep": [_outcome_dict(o) for o in self.outcomes],
        }


_STATUS_WORDS = {
    "written": "da_ghi",
    "valid": "hop_le",
    "invalid": "loi",
    "failed": "loi",
    "not_written": "khong_ghi",
}


def _outcome_dict(outcome: Outcome) -> dict[str, Any]:
    return {
        "nguon": outcome.label,
        "trang_thai": _STATUS_WORDS[outcome.status],
        "dau_ra": [str(p) for p in outcome.outputs],
        "van_de": outcome.problem,
        "chan_doan": [
            {
                "muc_do": "loi" if d.severity is Severity.ERROR else "canh_bao",
                "tep": str(d.file) if d.file else None,
                "dong": d.position.line if d.position else None,
                "cot": d.position.column if d.position else None,
                "khoa": d.key_path or None,
                "quy_tac": d.rule,
                "thong_bao": d.message,
                "goi_y": d.hint,
            }
            for d in sorted(outcome.diagnostics, key=_diagnostic_order)
        ],
    }


def _diagnostic_order(d: Diagnostic) -> tuple[str, int, int]:
    line, column = (d.position.line, d.position.column) if d.position else (0, 0)
    return (str(d.file or ""), line, column)


# --- jobs ------------------------------------------------------------------------------------


def spec_jobs(arguments: list[Path], output: Path | None) -> tuple[list[Job], list[str]]:
    """Jobs for spec files, folders and patterns; ``output`` is a folder, or a .docx name
    when the arguments name exactly one plan."""
    inputs, problems = expand(arguments)
    one_file = output is not None and output.suffix.lower() == ".docx" and not output.is_dir()
    if one_file and len(inputs) > 1:
        problems.append(
            f"-o {output}: tên tệp .docx chỉ dùng khi xuất một kế hoạch; đang có"
            f" {len(inputs)}. Hãy cho -o là một thư mục."
        )
    jobs = [
        Job(i, str(item.path), item.path, output if one_file else item.target(output))
        for i, item in enumerate(inputs)
    ]
    return jobs, problems


def unit_jobs(
    master: Path, units: Path, output: Path | None, pattern: str | None
) -> tuple[list[Job], list[Outcome], list[str]]:
    """One job per row of ``units`` over the master plan. Rows that cannot become a plan
    (a bad column, a name that cannot be made) are outcomes already; problems of the files
    themselves, or names two rows share, are batch problems."""
    from kehoach import units as unit_rows
    from kehoach.spec.loader import load_file

    rows, diagnostics = unit_rows.read_units(units)
    if any(d.severity is Severity.ERROR for d in diagnostics):
        return [], [Outcome(0, str(units), "invalid", diagnostics)], []
    loaded = load_file(master)
    if loaded.diagnostics:
        return [], [Outcome(0, str(master), "invalid", list(loaded.diagnostics))], []
    folder = output if output is not None else master.parent
    jobs: list[Job] = []
    early: list[Outcome] = []
    named: list[tuple[str, Any]] = []
    reported: set[Diagnostic] = set()
    for i, row in enumerate(rows):
        label = f"{units}, dòng {row.position.line}"
        plan = unit_rows.apply_row(loaded, row)
        # A bad column is said once, at its header, not again for every row that fills it.
        wrong = [d for d in plan.diagnostics if d.severity is Severity.ERROR]
        if wrong:
            fresh = [d for d in dict.fromkeys(wrong) if d not in reported]
            reported.update(fresh)
            early.append(Outcome(i, label, "invalid", fresh, problem=None if fresh else SAID_ABOVE))
            continue
        try:
            name = unit_rows.output_name(pattern or DEFAULT_UNIT_NAME, unit_rows.fields(plan))
        except unit_rows.UnitsProblem as exc:
            early.append(Outcome(i, label, "invalid", problem=str(exc)))
            continue
        named.append((name, row))
        jobs.append(Job(i, label, master, folder / name, row))
    try:
        unit_rows.unique_names([n for n, _ in named], [r for _, r in named])
    except unit_rows.UnitsProblem as exc:
        return [], early, [str(exc)]
    return jobs, early, []


DEFAULT_UNIT_NAME = "{stt}-{dia_danh}.docx"


# --- running ---------------------------------------------------------------------------------


@lru_cache(maxsize=4)
def _wording(templates: Path | None) -> Any:
    from kehoach.compose.wording import Wording

    return Wording(templates)


@lru_cache(maxsize=4)
def _master(path: Path) -> Any:
    from kehoach.spec.loader import load_file

    return load_file(path)


def run_job(job: Job, settings: Settings) -> Outcome:
    """Load, validate and (when writing) compose and stage one plan. Runs in workers too."""
    from kehoach.compose import compose
    from kehoach.compose.wording import TemplateProblem
    from kehoach.spec.loader import load_file
    from kehoach.spec.validate import validate_loaded
    from kehoach.writer import to_bytes

    try:
        if job.row is None:
            loaded = load_file(job.spec)
        else:
            from kehoach.units import apply_row

            loaded = apply_row(_master(job.spec), job.row)
        spec, report = validate_loaded(loaded)
    except Exception as exc:  # a bug of ours: one plan fails, with a reason, never a traceback
        problem = (
            f"lỗi không mong đợi khi đọc kế hoạch ({type(exc).__name__}); hãy báo cho nhóm kehoach"
        )
        return Outcome(job.index, job.label, "failed", problem=problem)
    if spec is None:
        return Outcome(job.index, job.label, "invalid", report.items)
    if not settings.write or job.target is None:
        return Outcome(job.index, job.label, "valid", report.items)
    try:
        data = to_bytes(compose(spec, _wording(settings.templates)))
        staged = stage(job.target, data, sync=False)  # flushed once before the renames
    except TemplateProblem as exc:
        return Outcome(
            job.index, job.label, "failed", report.items, problem=f"lỗi mẫu câu chữ: {exc}"
        )
    except OSError as exc:
        problem = f"{job.target}: không ghi được tệp ({os_error_text(exc)})"
        return Outcome(job.index, job.label, "failed", report.items, problem=problem)
    except Exception as exc:  # a bug of ours: one plan fails, with a reason, never a traceback
        problem = (
            f"lỗi không mong đợi khi soạn kế hoạch ({type(exc).__name__}); hãy báo cho nhóm kehoach"
        )
        return Outcome(job.index, job.label, "failed", report.items, problem=problem)
    return Outcome(job.index, job.label, "valid", report.items, [job.target], staged=staged)


def workers_for(jobs: int | None, plans: int) -> int:
    """Worker processes for ``plans``: as asked (default: one per core), but no more than
    the batch can keep busy; 1 means this process."""
    wanted = jobs if jobs is not None else (os.cpu_count() or 1)
    useful = max(1, plans // MIN_PLANS_PER_WORKER) if jobs is None else plans
    return max(1, min(wanted, useful))


def _run(jobs: list[Job], settings: Settings, workers: int) -> Iterator[Outcome]:
    if workers <= 1:
        for job in jobs:
            yield run_job(job, settings)
        return
    # Imported here: a single-process run (one plan, most commands) never pays for them.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    methods = multiprocessing.get_all_start_methods()
    # fork shares the already imported code; where it is missing workers import it once.
    context = multiprocessing.get_context("fork" if "fork" in methods else None)
    chunks = _chunks(jobs, workers)
    # Ctrl-C reaches every process of the terminal's group: the workers ignore it and this
    # process stops the batch (run_batch then removes what was staged, exit code 130).
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_ignore_interrupt) as pool:
        futures = [pool.submit(_run_chunk, chunk, settings) for chunk in chunks]
        handed: set[int] = set()
        try:
            for future in futures:
                for outcome in future.result():
                    handed.add(outcome.index)
                    yield outcome
        except BaseException:
            # Interrupted (or closed early): chunks still queued are dropped, the running ones
            # finish, and whatever they staged that was never handed on is removed here.
            for future in futures:
                future.cancel()
            pool.shutdown(wait=True)
            for future in futures:
                if future.cancelled() or future.exception() is not None:
                    continue
                for outcome in future.result():
                    if outcome.index not in handed and outcome.staged is not None:
                        discard(outcome.staged)
            raise


def _chunks(jobs: list[Job], workers: int) -> list[list[Job]]:
    """The jobs in chunks of at most 32, as many as 8 a worker and a multiple of the workers,
    sized alike: every worker gets the same share, so none idles while another finishes a
    last, extra chunk."""
    count = max(workers * 8, -(-len(jobs) // 32))
    count = min(len(jobs), -(-count // workers) * workers) or 1
    size, extra = divmod(len(jobs), count)
    chunks, start = [], 0
    for i in range(count):
        end = start + size + (1 if i < extra else 0)
        chunks.append(jobs[start:end])
        start = end
    return chunks


def _run_chunk(jobs: list[Job], settings: Settings) -> list[Outcome]:
    return [run_job(job, settings) for job in jobs]


def _ignore_interrupt() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)


Progress = Callable[[Outcome, int, int], None]


def run_batch(
    command: str,
    jobs: list[Job],
    *,
    write: bool,
    settings: Settings | None = None,
    keep_going: bool = False,
    force: bool = False,
    jobs_count: int | None = None,
    pages: tuple[bool, bool] = (False, False),
    early: list[Outcome] | None = None,
    problems: list[str] | None = None,
    progress: Progress | None = None,
) -> BatchReport:
    """Run ``jobs``; write their documents (and PDF/PNG when ``pages`` = (pdf, png) asks)
    all at once at the end, or none when anything was wrong and not ``keep_going``."""
    started = time.perf_counter()
    # Templates and master plans are read once per batch, never kept from an earlier one.
    _wording.cache_clear()
    _master.cache_clear()
    report = BatchReport(command, list(early or []), list(problems or []))
    settings = settings or Settings(write=write)
    if progress is not None:
        total = len(jobs) + len(report.outcomes)
        for done, outcome in enumerate(report.outcomes, start=1):  # inputs refused early
            progress(outcome, done, total)
    if write and not report.problems:
        report.problems += refusals(
            [Output(j.target, j.spec if j.row is None else None, b"") for j in jobs if j.target],
            force=force,
        )
    if report.problems:
        report.seconds = time.perf_counter() - started
        return report
    total = len(jobs) + len(report.outcomes)
    created = _missing_folders(j.target for j in jobs if j.target is not None)
    try:
        running = _run(jobs, settings, workers_for(jobs_count, len(jobs)))
        with contextlib.closing(running):  # stopped early: the workers' staged files go too
            for outcome in running:
                report.outcomes.append(outcome)
                if progress is not None:
                    progress(outcome, len(report.outcomes), total)
        report.outcomes.sort(key=lambda o: o.index)
        if write:
            if any(pages) and progress is not None and hasattr(progress, "phase"):
                progress.phase("Đang xuất PDF qua LibreOffice")  # one run for the whole batch
            _finish(report, keep_going=keep_going, force=force, pages=pages)
    finally:
        for outcome in report.outcomes:  # interrupted or refused: no staged file stays
            if outcome.staged is not None:
                discard(outcome.staged)
                outcome.staged = None
        for folder in created:  # nor a folder made only to stage into
            with contextlib.suppress(OSError):
                folder.rmdir()
    report.seconds = time.perf_counter() - started
    return report


def _missing_folders(targets: Iterable[Path]) -> list[Path]:
    """Folders the targets need that do not exist yet, deepest first (each looked at once)."""
    missing: set[Path] = set()
    seen: set[Path] = set()
    for target in targets:
        folder = target.parent
        while folder not in seen and folder != folder.parent and not folder.exists():
            seen.add(folder)
            missing.add(folder)
            folder = folder.parent
        seen.add(folder)
    return sorted(missing, key=lambda f: len(f.parts), reverse=True)


def _finish(
    report: BatchReport, *, keep_going: bool, force: bool, pages: tuple[bool, bool]
) -> None:
    ready = [o for o in report.outcomes if o.staged is not None]
    if not report.ok and not keep_going:
        for outcome in ready:
            outcome.status = "not_written"
            outcome.outputs = []
        return
    extra: dict[int, list[Output]] = {}
    with tempfile.TemporaryDirectory(prefix="kehoach-") as work:
        if any(pages) and ready:
            try:
                extra = _pages(ready, Path(work), pdf=pages[0], png=pages[1])
            except Exception as exc:  # ConversionError: a Vietnamese message
                report.problems.append(str(exc))
                if not keep_going:
                    for outcome in ready:
                        outcome.status = "not_written"
                        outcome.outputs = []
                    return
            more = [o for outputs in extra.values() for o in outputs]
            blocked = refusals(more, force=force)
            if blocked:
                report.problems += blocked
                for outcome in ready:
                    outcome.status = "not_written"
                    outcome.outputs = []
                return
        flush_to_disk(o.staged for o in ready if o.staged is not None)  # before any rename
        for outcome in ready:
            try:
                commit(outcome.staged, outcome.outputs[0], sync=False)  # type: ignore[arg-type]
                outcome.staged = None
                for output in extra.get(outcome.index, []):  # PDF, PNG: few, fsynced each
                    commit(stage(output.target, output.data()), output.target, sync=False)
                    outcome.outputs.append(output.target)
                outcome.status = "written"
            except OSError as exc:
                outcome.status = "failed"
                outcome.problem = f"{outcome.outputs[0]}: không ghi được tệp ({os_error_text(exc)})"
                outcome.outputs = []
        sync_folders(path for outcome in ready for path in outcome.outputs)


def _pages(ready: list[Outcome], work: Path, *, pdf: bool, png: bool) -> dict[int, list[Output]]:
    """PDF and PNG of the staged documents, made in the private folder ``work``."""
    from kehoach.export import pdf as pdf_module

    sources = []
    for i, outcome in enumerate(ready):
        # Named as the document the user will get, so that LibreOffice's failures name it.
        copy = work / f"{i:05d}" / outcome.outputs[0].name
        copy.parent.mkdir()
        copy.write_bytes(outcome.staged.read_bytes())  # type: ignore[union-attr]
        sources.append(copy)
    made = _headings_kept(sources, pdf_module.convert_to_pdf(sources, work), work)
    extra: dict[int, list[Output]] = {}
    for outcome, pdf_file in zip(ready, made, strict=True):
        target = outcome.outputs[0]
        outputs = []
        if pdf:
            outputs.append(Output(target.with_suffix(".pdf"), target, pdf_file))
        if png:
            try:
                pages = pdf_module.render_png_pages(pdf_file, work)
            except pdf_module.ConversionError as exc:
                # Said of the PDF the user knows, not of the private copy in a temporary folder.
                text = str(exc).replace(str(pdf_file.resolve()), str(target.with_suffix(".pdf")))
                text = text.replace(str(pdf_file), str(target.with_suffix(".pdf")))
                raise pdf_module.ConversionError(text, stderr=exc.stderr) from exc
            outputs += [
                Output(target.parent / f"{target.stem}-{n}.png", target, page)
                for n, page in enumerate(pages, start=1)
            ]
        extra[outcome.index] = outputs
    return extra


def _headings_kept(sources: list[Path], made: list[Path], work: Path) -> list[Path]:
    """The PDFs again for the copies where LibreOffice left a heading at a page foot despite
    its keep-with-next (NT-1): the copy gets a page break before that heading, the .docx the
    user receives does not (Word keeps the heading). Needs pdftotext to read the pages;
    without it the PDFs stay as they are."""
    from kehoach.check.checker import break_before_kept_at_foot
    from kehoach.export import pdf as pdf_module
    from kehoach.export.pdflayout import read_pdf_layout

    if pdf_module.find_poppler_tool("pdftotext") is None:
        return made
    made = list(made)
    todo = list(range(len(sources)))
    for _round in range(3):  # a break moves what follows: look again, a few times at most
        todo = [i for i in todo if break_before_kept_at_foot(sources[i], read_pdf_layout(made[i]))]
        if not todo:
            break
        again = pdf_module.convert_to_pdf([sources[i] for i in todo], work)
        for i, pdf_file in zip(todo, again, strict=True):
            made[i] = pdf_file
    return made


__all__ = [
    "BatchReport",
    "Job",
    "Outcome",
    "Settings",
    "SpecInput",
    "run_batch",
    "spec_jobs",
    "unit_jobs",
]
