"""Human (rich) and machine (JSON) reports for ``kehoach check``.

Exit status for scripts: 0 when no file has an error-severity finding, 1 when some file
has one, 2 when some file could not be read at all.
"""

from __future__ import annotations

import json
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile

from .checker import UnreadableDocx, check_docx
from .findings import ERROR, WARNING, Finding

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def _check_one(path: Path, profile: Profile) -> tuple[list[Finding] | None, str | None]:
    try:
        return check_docx(path, profile), None
    except UnreadableDocx as exc:
        return None, str(exc)
    except Exception as exc:  # a checker bug must not show a traceback to a clerk
        return None, f"Lỗi nội bộ khi kiểm tra «{path.name}»: {type(exc).__name__}: {exc}"


def _print_file(console: Console, path: Path, findings: list[Finding]) -> None:
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    head = Text()
    head.append(f"{path}", style="bold")
    if errors:
        head.append(f" — KHÔNG ĐẠT thể thức NĐ 30: {len(errors)} lỗi", style="bold red")
        if warnings:
            head.append(f", {len(warnings)} cảnh báo", style="yellow")
    elif warnings:
        head.append(f" — Đạt (không có lỗi), {len(warnings)} cảnh báo", style="bold yellow")
    else:
        head.append(" — Đạt thể thức NĐ 30, không có lỗi hay cảnh báo", style="bold green")
    console.print(head)
    for group, title, style in ((errors, "Lỗi", "red"), (warnings, "Cảnh báo", "yellow")):
        if not group:
            continue
        console.print(Text(f"  {title}:", style=f"bold {style}"))
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(ratio=1)
        for f in group:
            body = Text(f.message)
            body.append(f"\nVị trí: {f.where}", style="dim")
            table.add_row("   ", Text(f"[{f.rule}]", style=f"bold {style}"), body)
        console.print(table)
    console.print()


def run_check(
    paths: list[Path],
    as_json: bool,
    console: Console | None = None,
    profile: Profile = ND30,
) -> int:
    """Check each file against ``profile``, print a report, return the exit status (0 / 1 / 2)."""
    console = console or Console()
    status = EXIT_OK
    results: list[dict[str, object]] = []
    for raw in paths:
        path = Path(raw)
        findings, problem = _check_one(path, profile)
        if findings is None:
            status = EXIT_UNREADABLE
            if as_json:
                results.append({"file": str(path), "ok": False, "error": problem, "findings": []})
            else:
                msg = Text()
                msg.append(f"{path}", style="bold")
                msg.append(" — không kiểm tra được: ", style="bold red")
                msg.append(problem or "")
                console.print(msg)
                console.print()
            continue
        has_error = any(f.severity == ERROR for f in findings)
        if has_error and status == EXIT_OK:
            status = EXIT_FINDINGS
        if as_json:
            results.append(
                {
                    "file": str(path),
                    "ok": not has_error,
                    "findings": [f.as_dict() for f in findings],
                }
            )
        else:
            _print_file(console, path, findings)
    if as_json:
        console.out(json.dumps(results, ensure_ascii=False, indent=2), highlight=False)
    return status
