"""``kehoach check`` piped or redirected (issue 10, item 8): no line ends in spaces, findings
wrap between words at the output's width under their rule ID, and nothing of a message or a
place is lost — through typer's CliRunner and through the installed entry point."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, paragraphs_with, save
from rich.console import Console
from typer.testing import CliRunner

from kehoach.check import check_docx
from kehoach.check.report import run_check
from kehoach.cli import app

POINTS = [
    "a) Bám sát chỉ đạo của cấp trên, phù hợp với tình hình thực tế của địa phương;",
    "b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị;",
    "c) Bảo đảm tiến độ, chất lượng, hiệu quả trong tổ chức thực hiện;",
    "d) Kịp thời sơ kết, rút kinh nghiệm sau từng đợt triển khai;",
    "đ) Tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện đúng thời hạn.",
]


@pytest.fixture(scope="module")
def docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """A file with errors and warnings whose messages are longer than a line (wrong margins,
    five bold sentences folded into one DM-3 finding), a conforming one, a missing one."""
    root = tmp_path_factory.mktemp("output")
    base = Opts()
    i = base.body.index("2. Yêu cầu") + 1
    opts = clone(
        base,
        margins_mm={"top": 20, "bottom": 20, "left": 25, "right": 15},
        body=[*base.body[:i], *POINTS, *base.body[i + 2 :]],
    )
    doc = build(opts)
    for point in POINTS:
        (para,) = paragraphs_with(doc, point[:8])
        for run in para.runs:
            run.font.bold = True
    return {
        "bad": save(doc, root / "ke hoach sai.docx"),
        "ok": save(build(), root / "dat.docx"),
        "missing": root / "khong-co.docx",
    }


def _no_trailing_spaces(out: str) -> None:
    padded = [line for line in out.splitlines() if line != line.rstrip()]
    assert not padded, "\n".join(repr(line) for line in padded)


def _fits(out: str, width: int) -> None:
    """Every line fits, except a verdict line (never wrapped) and a single unbreakable word."""
    for line in out.splitlines():
        if " — " in line or len(line) <= width:
            continue
        assert " " not in line.strip(), f"{len(line)} > {width}: {line!r}"


def _words(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _every_finding_whole(out: str, path: Path) -> None:
    """Each message and place reads the same once the wrapped lines are joined again."""
    flat = _words(out)
    for f in check_docx(path):
        assert f"[{f.rule}] {_words(f.message)} Vị trí: {_words(f.where)}" in flat, f


# ---------------------------------------------------------------------- CliRunner


def test_cli_piped_report_has_no_trailing_spaces_and_wraps(docs: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["check", str(docs["bad"]), str(docs["ok"])])
    assert result.exit_code == 1, result.output
    out = result.stdout
    _no_trailing_spaces(out)
    _fits(out, 80)
    _every_finding_whole(out, docs["bad"])
    assert f"{docs['bad']} — KHÔNG ĐẠT thể thức NĐ 30: 1 lỗi, 1 cảnh báo" in out
    assert f"{docs['ok']} — Đạt thể thức NĐ 30, không có lỗi hay cảnh báo" in out
    # A finding's continuation lines sit under its message, not under its rule ID.
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if "[DM-3]" in line)
    indent = lines[start].index("[DM-3]") + len("[DM-3] ")
    assert lines[start + 1].startswith(" " * indent) and lines[start + 1][indent] != " "


def test_cli_piped_unreadable_file_line(docs: dict[str, Path]) -> None:
    result = CliRunner().invoke(app, ["check", str(docs["missing"])])
    assert result.exit_code == 2
    _no_trailing_spaces(result.stdout)
    assert f"{docs['missing']} — không kiểm tra được: Không tìm thấy tệp" in result.stdout


def test_cli_piped_json_is_unpadded(docs: dict[str, Path]) -> None:
    import json

    result = CliRunner().invoke(app, ["check", "--json", str(docs["bad"])])
    assert result.exit_code == 1
    _no_trailing_spaces(result.stdout)
    assert json.loads(result.stdout)[0]["ok"] is False


# ---------------------------------------------------------------------- run_check's console


@pytest.mark.parametrize("width", [60, 100, 200])
def test_plain_report_follows_the_console_width(docs: dict[str, Path], width: int) -> None:
    buf = io.StringIO()
    assert run_check([docs["bad"]], False, Console(file=buf, width=width)) == 1
    out = buf.getvalue()
    _no_trailing_spaces(out)
    _fits(out, width)
    _every_finding_whole(out, docs["bad"])


def test_terminal_report_keeps_its_table(docs: dict[str, Path]) -> None:
    """In a terminal rich lays the findings out (and colours them) as before."""
    buf = io.StringIO()
    console = Console(file=buf, width=100, force_terminal=True, color_system=None)
    assert run_check([docs["bad"]], False, console) == 1
    out = buf.getvalue()
    assert "[P-3]" in out and "Vị trí: thiết lập trang" in out


# ---------------------------------------------------------------------- installed entry point


def _entry_point(*args: str, columns: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES")}
    env["PYTHONIOENCODING"] = "utf-8"
    if columns is not None:
        env["COLUMNS"] = columns
    return subprocess.run(
        [sys.executable, "-m", "kehoach", "check", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
    )


def test_entry_point_piped_report(docs: dict[str, Path]) -> None:
    done = _entry_point(str(docs["bad"]), str(docs["missing"]))
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stdout + done.stderr
    _no_trailing_spaces(done.stdout)
    _fits(done.stdout, 80)
    _every_finding_whole(done.stdout, docs["bad"])
    assert "không kiểm tra được" in done.stdout


def test_entry_point_wraps_at_COLUMNS(docs: dict[str, Path]) -> None:
    done = _entry_point(str(docs["bad"]), columns="120")
    assert done.returncode == 1, done.stderr
    _no_trailing_spaces(done.stdout)
    _fits(done.stdout, 120)
    assert max(len(line) for line in done.stdout.splitlines() if " — " not in line) > 80
    _every_finding_whole(done.stdout, docs["bad"])
