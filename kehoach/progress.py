"""What a batch shows while it runs and when it ends.

In a terminal: a progress bar (done/total, rate, time left), each problem as it is found, and
a summary table at the end. Not in a terminal (a script, a pipe, a log) or with ``-q``: one
line per problem and one summary line, nothing else. Files are named by the paths the user
gave.
"""

from __future__ import annotations

import sys
import time
from typing import Any, TextIO

from kehoach.batch import BatchReport, Outcome
from kehoach.spec.diagnostics import Diagnostic, Severity, printable

_REFRESH_SECONDS = 0.25


def _seconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + " giây"


def line(diagnostic: Diagnostic) -> str:
    """A diagnostic on one line, hint included (for logs and pipes)."""
    text = diagnostic.format()
    return text.replace("\n    → ", " → ")


class BatchView:
    """Progress callback and printer of one batch run."""

    def __init__(self, *, quiet: bool = False, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.fancy = not quiet and self.stream.isatty()
        self._console: Any = None
        self._progress: Any = None
        self._task: Any = None
        self._drawn = 0.0

    # -- running ----------------------------------------------------------------------------

    def __enter__(self) -> BatchView:
        if self.fancy:
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeRemainingColumn,
            )

            self._console = Console(file=self.stream, highlight=False, soft_wrap=True)
            # No refresh thread: worker processes are forked and must not inherit one.
            self._progress = Progress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TextColumn("{task.fields[rate]}"),
                TimeRemainingColumn(),
                console=self._console,
                auto_refresh=False,
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task("Đang xử lý", total=None, rate="")
        return self

    def __exit__(self, *exc: object) -> None:
        if self._progress is not None:
            self._progress.stop()

    def __call__(self, outcome: Outcome, done: int, total: int) -> None:
        self.problems(outcome)
        if self._progress is None:
            return
        now = time.monotonic()
        # Drawing costs more than a plan: a few times a second is what eyes can follow.
        if now - self._drawn < _REFRESH_SECONDS and done < total:
            return
        self._drawn = now
        elapsed = self._progress.tasks[0].elapsed or 0
        rate = f"{done / elapsed:.0f} tệp/giây" if elapsed > 0.2 else ""
        self._progress.update(self._task, completed=done, total=total, rate=rate)
        self._progress.refresh()

    def phase(self, description: str) -> None:
        """A step of the batch without a count (the PDF export: one LibreOffice run)."""
        if self._progress is not None:
            self._progress.update(self._task, description=description, completed=None, total=None)
            self._progress.refresh()

    def problems(self, outcome: Outcome) -> None:
        """Every diagnostic of one input, as soon as it is known."""
        items = sorted(outcome.diagnostics, key=_order)
        if outcome.problem:
            self.say(f"{outcome.label}: {outcome.problem}", "red")
        for diagnostic in items:
            style = "red" if diagnostic.severity is Severity.ERROR else "yellow"
            self.say(diagnostic.format() if self.fancy else line(diagnostic), style)

    def say(self, text: str, style: str | None = None) -> None:
        text = printable(text)  # file names and values echoed: never a raw control sequence
        if self._console is not None:
            self._console.print(text, style=style, markup=False, highlight=False)
        else:
            print(text, file=self.stream)

    # -- the end ----------------------------------------------------------------------------

    def summary(self, report: BatchReport, *, write: bool) -> None:
        for problem in report.problems:
            self.say(problem, "red")
        if self.fancy and write and report.outcomes:
            self._table(report)
        self.say(summary_line(report, write=write), "bold green" if report.ok else "bold red")

    def _table(self, report: BatchReport) -> None:
        from rich.table import Table

        table = Table(show_header=False, box=None, padding=(0, 2))
        table.add_row("Đã ghi", str(report.count("written")))
        table.add_row("Lỗi", str(report.count("invalid", "failed")))
        if report.count("not_written"):
            table.add_row("Không ghi (vì lô có lỗi)", str(report.count("not_written")))
        table.add_row("Cảnh báo", str(report.warning_count))
        table.add_row("Thời gian", _seconds(report.seconds))
        self._console.print(table)


def _order(d: Diagnostic) -> tuple[str, int, int]:
    line_no, column = (d.position.line, d.position.column) if d.position else (0, 0)
    return (str(d.file or ""), line_no, column)


def summary_line(report: BatchReport, *, write: bool) -> str:
    """One line that says how the batch went."""
    files = len(report.outcomes)
    counts = f"{files} tệp, {report.error_count} lỗi, {report.warning_count} cảnh báo"
    if not write:
        return counts
    written = report.written
    docx = [p for p in written if p.suffix.lower() == ".docx"]
    if not written:
        return f"{counts}; không ghi tệp nào."
    failed = report.count("invalid", "failed")
    head = f"đã ghi {docx[0]}" if len(docx) == 1 else f"đã ghi {len(docx)} tệp .docx"
    others = len(written) - len(docx)
    if others:
        head += f" và {others} tệp PDF/PNG"
    tail = f"; {failed} tệp lỗi không ghi" if failed else ""
    return f"{head} ({counts}, {_seconds(report.seconds)}){tail}"
