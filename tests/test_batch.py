"""Batches and scripting (issue 7): jobs, keep-going, reports, and the Python API."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT
from specs import VALID
from test_cli import BROKEN, invoke

import kehoach
from kehoach.api import OutputError

EXAMPLE = ROOT / "examples" / "phu-phong-2024.yaml"


def _folder(tmp_path: Path, copies: int, *, bad: int | None = None) -> Path:
    folder = tmp_path / "ho-so"
    folder.mkdir()
    for i in range(copies):
        text = BROKEN if i == bad else EXAMPLE.read_text("utf-8")
        (folder / f"kh-{i:03d}.yaml").write_text(text, "utf-8")
    return folder


def test_jobs_give_the_same_bytes_as_one_process(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 60)
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / f"out-{jobs}"
        result = invoke("render", str(folder), "-o", str(out), "-j", jobs)
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.name: p.read_bytes() for p in sorted(out.iterdir())}
    assert len(outputs["1"]) == 60 and outputs["1"] == outputs["2"]


def test_one_bad_file_stops_the_batch_unless_keep_going(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 5, bad=2)
    out = tmp_path / "out"
    result = invoke("render", str(folder), "-o", str(out), "-q")
    assert result.exit_code == 2
    assert (
        "kh-002.yaml:4:5: lỗi [SO-3]: so: số văn bản '5' sai định dạng → viết '05'" in result.output
    )
    assert "không ghi tệp nào" in result.output and not out.exists()

    result = invoke(
        "render", str(folder), "-o", str(out), "--tiep-tuc", "--bao-cao", str(tmp_path / "r.json")
    )
    assert result.exit_code == 2  # something failed, even though the good ones were written
    assert sorted(p.name for p in out.iterdir()) == [f"kh-{i:03d}.docx" for i in (0, 1, 3, 4)]
    report = json.loads((tmp_path / "r.json").read_text("utf-8"))
    assert report["dat"] is False and report["tong"]["da_ghi"] == 4 and report["tong"]["loi"] == 1
    statuses = {Path(f["nguon"]).name: f["trang_thai"] for f in report["tep"]}
    assert statuses["kh-002.yaml"] == "loi" and statuses["kh-000.yaml"] == "da_ghi"
    (bad,) = [f for f in report["tep"] if f["trang_thai"] == "loi"]
    assert bad["dau_ra"] == []
    first = bad["chan_doan"][0]
    assert first == {
        "muc_do": "loi",
        "tep": str(folder / "kh-002.yaml"),
        "dong": 4,
        "cot": 5,
        "khoa": "so",
        "quy_tac": "SO-3",
        "thong_bao": "số văn bản '5' sai định dạng",
        "goi_y": "viết '05'",
    }
    good = next(f for f in report["tep"] if f["trang_thai"] == "da_ghi")
    assert good["dau_ra"] == [str(out / "kh-000.docx")]


def test_validate_json_is_the_same_report_on_stdout(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 3, bad=1)
    result = invoke("validate", str(folder), "--json")
    assert result.exit_code == 2
    report = json.loads(result.stdout)
    assert report["lenh"] == "validate" and report["phien_ban"] == 1
    assert [f["trang_thai"] for f in report["tep"]] == ["hop_le", "loi", "hop_le"]
    assert report["tong"]["so_loi"] == 2


def test_not_in_a_terminal_one_line_per_problem_and_one_summary(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 4, bad=0)
    result = invoke("validate", str(folder))
    lines = [line for line in result.output.splitlines() if line.strip()]
    assert lines == [
        f"{folder / 'kh-000.yaml'}:4:5: lỗi [SO-3]: so: số văn bản '5' sai định dạng → viết '05'",
        f"{folder / 'kh-000.yaml'}:6:7: lỗi [DD-4]: ngay: ngày 31/02/2026 không tồn tại"
        " (tháng 2 năm 2026 có 28 ngày) → sửa lại ngày ban hành",
        "4 tệp, 2 lỗi, 0 cảnh báo",
    ]


def test_the_installed_command_renders_folders_globs_and_jobs(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 30)
    exe = Path(sys.executable).parent / "kehoach"
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "kehoach"]
    out = tmp_path / "out"
    run = subprocess.run(
        [*command, "render", str(folder / "kh-0*.yaml"), "-o", str(out), "-j", "2"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert len(list(out.glob("*.docx"))) == 30
    assert run.stdout == "" and run.stderr.startswith("đã ghi 30 tệp .docx (30 tệp, 0 lỗi")


def test_two_outputs_differing_only_in_case_collide(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "a" / "KH.yaml")
    shutil.copy(EXAMPLE, tmp_path / "b" / "kh.yaml")
    result = invoke(
        "render", str(tmp_path / "a"), str(tmp_path / "b" / "kh.yaml"), "-o", str(tmp_path / "out")
    )
    assert result.exit_code == 2 and "cùng ghi ra" in result.output
    assert not (tmp_path / "out").exists()


# --- the Python API ------------------------------------------------------------------------


def test_load_from_a_string_and_a_dict_with_vietnamese_errors() -> None:
    spec = kehoach.loads(VALID)
    assert spec.co_quan.viet_tat == "UBND" and spec.source is None
    with pytest.raises(kehoach.SpecError) as info:
        kehoach.loads(BROKEN, name="ke-hoach.yaml")
    text = str(info.value)
    assert text.index("ke-hoach.yaml:4:5: lỗi [SO-3]") < text.index("ke-hoach.yaml:6:7: lỗi [DD-4]")
    data = {
        "co_quan": {"ten": "ỦY BAN NHÂN DÂN XÃ AN PHÚ", "viet_tat": "UBND"},
        "so": "5",
        "dia_danh": "An Phú",
        "ngay": "2026",
        "trich_yeu": "Triển khai",
        "nguoi_ky": {"chuc_vu": "CHỦ TỊCH", "ho_tem": "Nguyễn Văn An"},
    }
    with pytest.raises(kehoach.SpecError) as info:
        kehoach.from_dict(data)
    messages = [d.format() for d in info.value.report.errors]
    assert any("nguoi_ky.ho_tem" in m and "có phải ý bạn là 'ho_ten'" in m for m in messages)
    assert any("[SO-3]: so:" in m for m in messages)
    assert all("http" not in m and "Input should" not in m for m in messages)


def test_warnings_are_on_the_result(tmp_path: Path) -> None:
    spec = kehoach.loads(VALID.replace("Nguyễn Văn An", "TS. Nguyễn Văn An"))
    assert [w.rule for w in spec.warnings] == ["KY-3"]
    assert spec.warnings[0].severity is kehoach.Severity.WARNING


def test_render_to_a_folder_a_new_folder_or_a_file_name(tmp_path: Path) -> None:
    spec = kehoach.load(EXAMPLE)
    assert kehoach.render(spec, tmp_path) == tmp_path / "phu-phong-2024.docx"
    assert kehoach.render(spec, f"{tmp_path}/moi/") == tmp_path / "moi" / "phu-phong-2024.docx"
    named = kehoach.render(spec, tmp_path / "khac" / "x.docx")
    assert named.is_file() and named.read_bytes()[:2] == b"PK"
    assert kehoach.render(kehoach.loads(VALID), tmp_path) == tmp_path / "ke-hoach.docx"
    assert kehoach.render_file(EXAMPLE, tmp_path / "out" / "x.docx").is_file()
    (tmp_path / "tay.docx").write_bytes(b"a clerk's own file")
    with pytest.raises(OutputError, match="không do kehoach tạo"):
        kehoach.render(spec, tmp_path / "tay.docx")
    assert (tmp_path / "tay.docx").read_bytes() == b"a clerk's own file"


def test_render_many_returns_a_report_and_never_raises(tmp_path: Path) -> None:
    folder = _folder(tmp_path, 4, bad=3)
    seen = []
    report = kehoach.render_many(
        [folder], tmp_path / "out", keep_going=True, progress=lambda o, d, t: seen.append((d, t))
    )
    assert not report.ok and report.count("written") == 3 and report.count("invalid") == 1
    assert seen[-1] == (4, 4)
    assert len(report.written) == 3 and all(p.is_file() for p in report.written)
    empty = kehoach.render_many([tmp_path / "khong-co"], tmp_path / "out2")
    assert not empty.ok and not (tmp_path / "out2").exists()


@pytest.mark.skipif(os.name != "posix", reason="file modes")
def test_a_batch_honours_the_umask(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        report = kehoach.render_many(EXAMPLES, tmp_path)
    finally:
        os.umask(old)
    assert report.ok and all(p.stat().st_mode & 0o777 == 0o640 for p in report.written)


@pytest.mark.parametrize(("plans", "workers"), [(300, 2), (10_000, 2), (300, 3), (17, 2), (5, 2)])
def test_workers_get_even_shares(plans: int, workers: int) -> None:
    """Issue 7 (2 jobs ≥ 1.7× 1 job): chunks of at most 32 plans, in order, sized alike and a
    multiple of the workers in number, so no worker is left with one extra chunk at the end."""
    from kehoach.batch import _chunks

    chunks = _chunks(list(range(plans)), workers)
    assert [job for chunk in chunks for job in chunk] == list(range(plans))
    sizes = [len(chunk) for chunk in chunks]
    assert max(sizes) <= 32 and max(sizes) - min(sizes) <= 1
    assert len(chunks) % workers == 0 or len(chunks) == plans


def test_a_plan_that_cannot_be_written_counts_as_an_error(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The summary said "1 tệp, 0 lỗi" under a file that could not be written: a problem
    said without a place is an error too, in the line and in the report's so_loi."""
    from kehoach import batch
    from kehoach.progress import summary_line

    def refuse(path: Path, data: bytes, *, sync: bool = True) -> Path:
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(batch, "stage", refuse)
    report = kehoach.render_many([ROOT / "examples" / "phu-phong-2024.yaml"], tmp_path / "ra")
    assert not report.ok and report.error_count == 1
    assert "1 tệp, 1 lỗi, 0 cảnh báo; không ghi tệp nào." in summary_line(report, write=True)
    assert report.to_dict()["tong"]["so_loi"] == 1
