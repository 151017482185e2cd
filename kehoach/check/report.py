"""Human (rich) and machine (JSON) reports for ``kehoach check``.

Exit status for scripts: 0 when no file has an error-severity finding, 1 when some file
has one, 2 when some file could not be read at all (or, with ``pdf``, LibreOffice is missing
or could not render a file).
"""

from __future__ import annotations

import json
import textwrap
import zipfile
from pathlib import Path

from rich.console import Console
from rich.table import Table
from rich.text import Text

from kehoach.export.pdf import ConversionError
from kehoach.export.pdflayout import Page
from kehoach.law.profile import Profile
from kehoach.spec.diagnostics import printable

from .checker import CheckResult, UnreadableDocx, check_document
from .findings import ERROR, WARNING, Finding
from .pagebreaks import pdf_pages, require_pdf_tools

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_UNREADABLE = 2


def _render(paths: list[Path]) -> tuple[dict[Path, list[Page]], dict[Path, str]]:
    """PDF pages of every file LibreOffice can convert (one run for all, file by file when
    the batch fails), and the reason for each file it cannot."""
    docs = [p for p in dict.fromkeys(paths) if p.is_file() and zipfile.is_zipfile(p)]
    docs = [p for p in docs if p.suffix.lower() == ".docx"]
    try:
        return dict(zip(docs, pdf_pages(docs), strict=True)), {}
    except ConversionError:
        pass
    pages: dict[Path, list[Page]] = {}
    problems: dict[Path, str] = {}
    for path in docs:
        try:
            pages[path] = pdf_pages([path])[0]
        except ConversionError as exc:
            problems[path] = str(exc)
    return pages, problems


def _check_one(
    path: Path, profile: Profile | None, pages: list[Page] | None = None
) -> tuple[CheckResult | None, str | None]:
    try:
        return check_document(path, profile, pages=pages), None
    except UnreadableDocx as exc:
        return None, str(exc)
    except Exception as exc:  # a checker bug must not show a traceback to a clerk
        return None, (
            f"Lỗi nội bộ khi kiểm tra «{path.name}» ({type(exc).__name__});"
            " hãy báo cho nhóm kehoach, kèm tệp này"
        )


# Piped or redirected output (a file, ``less``, another program) has no width of its own;
# rich would lay the findings out for 80 columns and pad every line with spaces. It is
# wrapped here instead, at the console's width (80, or COLUMNS), between words only (never
# inside a path, a rule ID or "30–35"), with no trailing spaces.
def _wrapped(text: str, width: int, first: str, rest: str) -> list[str]:
    lines: list[str] = []
    for n, part in enumerate(text.split("\n")):
        lines += textwrap.wrap(
            part,
            width=max(width, 40),
            initial_indent=first if n == 0 else rest,
            subsequent_indent=rest,
            break_long_words=False,
            break_on_hyphens=False,
        ) or [(first if n == 0 else rest).rstrip()]
    return [line.rstrip() for line in lines]


def _plain_lines(path: Path, result: CheckResult, width: int) -> list[str]:
    """The report of one file as plain lines, laid out like the terminal's (docs/check.md §1):
    the verdict on one line (never wrapped: scripts grep it), then each finding with its rule
    ID, its message and its place wrapped under the message."""
    findings = result.findings
    layout = result.profile.layout_name
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    if errors:
        verdict = f"KHÔNG ĐẠT {layout}: {len(errors)} lỗi"
        if warnings:
            verdict += f", {len(warnings)} cảnh báo"
    elif warnings:
        verdict = f"Đạt (không có lỗi), {len(warnings)} cảnh báo"
    else:
        verdict = f"Đạt {layout}, không có lỗi hay cảnh báo"
    lines = [f"{printable(str(path))} — {verdict}"]
    if result.recognition.profile is None:
        lines += _wrapped(_unknown_layout(layout), width, "  ", "   ")
    elif warnings and not errors:
        lines += _wrapped(f"Đã kiểm tra theo {layout}.", width, "  ", "  ")
    for group, title in ((errors, "Lỗi"), (warnings, "Cảnh báo")):
        if not group:
            continue
        lines.append(f"  {title}:")
        tag_width = max(len(f.rule) for f in group) + 2
        for f in group:
            first = f"    {f'[{f.rule}]':<{tag_width}} "
            rest = " " * len(first)
            lines += _wrapped(f"{f.message}\nVị trí: {f.where}", width, first, rest)
    return lines


def _unknown_layout(layout: str) -> str:
    return (
        "(Phần đầu văn bản không cho biết thể thức: không có Quốc hiệu hay dòng «ĐẢNG CỘNG SẢN"
        f" VIỆT NAM»; đã kiểm tra theo {layout}.)"
    )


def _say(console: Console, text: Text) -> None:
    """One message, styled in a terminal; elsewhere as it is, unwrapped and unpadded."""
    if console.is_terminal:
        console.print(text)
    else:
        console.out(text.plain, highlight=False)


def _print_file(console: Console, path: Path, result: CheckResult) -> None:
    if not console.is_terminal:
        console.out("\n".join([*_plain_lines(path, result, console.width), ""]), highlight=False)
        return
    findings = result.findings
    layout = result.profile.layout_name  # "thể thức NĐ 30", "thể thức văn bản của Đảng (…)"
    errors = [f for f in findings if f.severity == ERROR]
    warnings = [f for f in findings if f.severity == WARNING]
    head = Text()
    head.append(printable(str(path)), style="bold")
    if errors:
        head.append(f" — KHÔNG ĐẠT {layout}: {len(errors)} lỗi", style="bold red")
        if warnings:
            head.append(f", {len(warnings)} cảnh báo", style="yellow")
    elif warnings:
        head.append(f" — Đạt (không có lỗi), {len(warnings)} cảnh báo", style="bold yellow")
    else:
        head.append(f" — Đạt {layout}, không có lỗi hay cảnh báo", style="bold green")
    console.print(head)
    if result.recognition.profile is None:
        console.print(Text(f"  {_unknown_layout(layout)}", style="dim"))
    elif warnings and not errors:
        console.print(Text(f"  Đã kiểm tra theo {layout}.", style="dim"))
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
    profile: Profile | None = None,
    *,
    pdf: bool = False,
) -> int:
    """Check each file against the layout law it follows (recognised from its header, or
    ``profile`` when given), print a report, return the exit status (0 / 1 / 2).

    ``pdf``: also render each file through LibreOffice and report headings and lead-ins
    left alone at the foot of a page (NT-1); without LibreOffice, say so and return 2.
    """
    console = console or Console()
    status = EXIT_OK
    results: list[dict[str, object]] = []
    rendered: dict[Path, list[Page]] = {}
    unrendered: dict[Path, str] = {}
    if pdf:
        try:
            require_pdf_tools()
        except ConversionError as exc:
            msg = Text("Không kiểm tra được ngắt trang (--pdf): ", style="bold red")
            msg.append(str(exc))
            _say(console, msg)
            return EXIT_UNREADABLE
        rendered, unrendered = _render([Path(p) for p in paths])
    for raw in paths:
        path = Path(raw)
        if path in unrendered:
            result: CheckResult | None = None
            problem: str | None = (
                f"LibreOffice không xuất được PDF để kiểm tra ngắt trang: {unrendered[path]}"
            )
        else:
            result, problem = _check_one(path, profile, rendered.get(path))
        if result is None:
            status = EXIT_UNREADABLE
            if as_json:
                results.append({"file": str(path), "ok": False, "error": problem, "findings": []})
            else:
                msg = Text()
                msg.append(printable(str(path)), style="bold")
                msg.append(" — không kiểm tra được: ", style="bold red")
                msg.append(printable(problem or ""))
                _say(console, msg)
                console.print()
            continue
        findings: list[Finding] = result.findings
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
            _print_file(console, path, result)
    if as_json:
        console.out(json.dumps(results, ensure_ascii=False, indent=2), highlight=False)
    return status
