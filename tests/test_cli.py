"""The CLI in-process (typer's runner) and through the installed `kehoach` entry point."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest
from conftest import EXAMPLES, ROOT
from typer.testing import CliRunner

from kehoach.check import check_docx
from kehoach.cli import app
from kehoach.spec.validate import validate_file

runner = CliRunner()
EXAMPLE = ROOT / "examples" / "phu-phong-2024.yaml"
BROKEN = """\
co_quan:
  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ
  viet_tat: UBND
so: "5"
dia_danh: An Phú
ngay: 31/02/2026
trich_yeu: Công tác dân vận
nguoi_ky:
  chuc_vu: CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""


def assert_conforms(path: Path) -> None:
    """Every document the suite renders passes `kehoach check` (issue 3)."""
    errors = [f for f in check_docx(path) if f.severity == "error"]
    assert errors == [], [f"{f.rule}: {f.message} @ {f.where}" for f in errors]


def invoke(*args: str, **kwargs: str):  # type: ignore[no-untyped-def]
    """Run the CLI in-process; any exception other than a clean exit fails the test."""
    result = runner.invoke(app, list(args), **kwargs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


def test_validate_ok() -> None:
    result = invoke("validate", str(EXAMPLE))
    assert result.exit_code == 0
    assert "0 lỗi" in result.output


def test_validate_reports_all_errors_with_location(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, "utf-8")
    result = invoke("validate", str(bad))
    assert result.exit_code == 2
    assert f"{bad}:4:5: lỗi [SO-3]" in result.output
    assert f"{bad}:6:7: lỗi [DD-4]" in result.output


def test_render_writes_docx(tmp_path: Path) -> None:
    result = invoke("render", str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 0, result.output
    out = tmp_path / "phu-phong-2024.docx"
    assert docx.Document(str(out)).tables[0].cell(0, 1).paragraphs[0].text.startswith("CỘNG HÒA")
    assert [p.name for p in tmp_path.iterdir()] == ["phu-phong-2024.docx"]  # no temp files left
    assert_conforms(out)


def test_render_batch_writes_nothing_when_one_file_is_bad(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(BROKEN, "utf-8")
    out = tmp_path / "out"
    result = invoke("render", str(EXAMPLE), str(bad), "-o", str(out))
    assert result.exit_code == 2
    assert "không ghi tệp nào" in result.output
    assert not out.exists()


def test_render_replaces_its_own_earlier_output_whole(tmp_path: Path) -> None:
    assert invoke("render", str(EXAMPLE), "-o", str(tmp_path)).exit_code == 0
    target = tmp_path / "phu-phong-2024.docx"
    earlier = target.stat().st_ino
    assert invoke("render", str(EXAMPLE), "-o", str(tmp_path)).exit_code == 0
    assert target.stat().st_ino != earlier  # a new file renamed into place, never rewritten
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phu-phong-2024.docx"]


def test_render_never_overwrites_a_file_kehoach_did_not_make(tmp_path: Path) -> None:
    target = tmp_path / "phu-phong-2024.docx"
    target.write_bytes(b"the clerk's own Word file")
    result = invoke("render", str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "không do kehoach tạo" in result.output and "--force" in result.output
    assert target.read_bytes() == b"the clerk's own Word file"
    assert invoke("render", str(EXAMPLE), "-o", str(tmp_path), "--force").exit_code == 0
    assert target.read_bytes()[:2] == b"PK"


def test_render_refuses_to_write_over_its_own_input(tmp_path: Path) -> None:
    spec = tmp_path / "plan.docx"
    spec.write_bytes(EXAMPLE.read_bytes())
    result = invoke("render", str(spec), "--force")
    assert result.exit_code == 2
    assert "ghi đè lên chính tệp đầu vào" in result.output
    assert spec.read_bytes() == EXAMPLE.read_bytes()


def test_render_is_byte_stable(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert invoke("render", *map(str, EXAMPLES), "-o", str(out)).exit_code == 0
    for spec in EXAMPLES:
        name = f"{spec.stem}.docx"
        assert (a / name).read_bytes() == (b / name).read_bytes(), name


def test_render_with_office_templates(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", mau)
    text = (mau / "ke_hoach.j2").read_text("utf-8")
    (mau / "ke_hoach.j2").write_text(
        text.replace("TỔ CHỨC THỰC HIỆN", "PHÂN CÔNG THỰC HIỆN"), "utf-8"
    )
    spec = ROOT / "examples" / "hoi-an-2024.yaml"
    assert invoke("render", str(spec), "-o", str(tmp_path), "--mau", str(mau)).exit_code == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "hoi-an-2024.docx")).paragraphs]
    assert any(t.endswith("PHÂN CÔNG THỰC HIỆN") for t in texts)
    assert_conforms(tmp_path / "hoi-an-2024.docx")


def test_render_with_broken_template_fails_cleanly(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "ke_hoach.j2").write_text("{% macro tieu_de_nhiem_vu() %}NHIỆM VỤ{% endmacro", "utf-8")
    result = invoke("render", str(EXAMPLE), "-o", str(tmp_path / "out"), "--mau", str(mau))
    assert result.exit_code == 2
    assert "Jinja" in result.output
    assert not (tmp_path / "out").exists()


def test_template_sandbox_blocks_python_access(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    shutil.copytree(ROOT / "templates", mau)
    text = (mau / "ke_hoach.j2").read_text("utf-8")
    evil = "{{ kh.__class__.__init__.__globals__ }}"
    (mau / "ke_hoach.j2").write_text(text.replace("Trên đây là Kế hoạch", evil), "utf-8")
    spec = ROOT / "examples" / "hai-phong-nam-dan-van.yaml"  # uses the default closing
    result = invoke("render", str(spec), "-o", str(tmp_path / "out"), "--mau", str(mau))
    assert result.exit_code == 2
    assert not (tmp_path / "out").exists()


def test_new_writes_valid_skeleton(tmp_path: Path) -> None:
    """What the user gives is written and valid; what they did not give stays a stand-in that
    `validate` names until it is replaced (never a silent "ỦY BAN NHÂN DÂN XÃ ...")."""
    target = tmp_path / "kh.yaml"
    given = {
        "--co-quan": "Ủy ban nhân dân xã An Phú",
        "--dia-danh": "An Phú",
        "--nam": "2026",
        "--trich-yeu": "công tác dân vận năm 2026",
        "--nguoi-ky": "Trần Văn Bình",
        "--chuc-vu": "Chủ tịch",
    }
    result = invoke("new", str(target), "--khong-hoi", *(x for kv in given.items() for x in kv))
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert 'ten: "ỦY BAN NHÂN DÂN XÃ AN PHÚ"' in text and 'ho_ten: "Trần Văn Bình"' in text
    assert "ngay: 2026" in text and "# " in text
    _, report = validate_file(target)
    given_keys = ("co_quan.ten", "dia_danh", "ngay", "trich_yeu", "nguoi_ky")
    assert not [d for d in report.errors if d.key_path.startswith(given_keys)], [
        d.format() for d in report.errors
    ]


def test_new_never_overwrites_without_force(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    target.write_text("của tôi", "utf-8")
    result = invoke("new", str(target), "--khong-hoi")
    assert result.exit_code == 2 and "--force" in result.output
    assert target.read_text("utf-8") == "của tôi"
    assert invoke("new", str(target), "--khong-hoi", "--force").exit_code == 0
    assert target.read_text("utf-8") != "của tôi"


def test_new_asks_in_a_terminal(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    answers = "Ủy ban nhân dân xã Tân Hòa\nUBND TỈNH AN GIANG\nUBND\nTân Hòa\n2026\nchuyển đổi số năm 2026\nTrần Thị B\nChủ tịch\n"
    result = runner.invoke(app, ["new", str(target), "--hoi"], input=answers)
    assert result.exit_code == 0, result.output
    text = target.read_text("utf-8")
    assert 'chu_quan: "UBND TỈNH AN GIANG"' in text
    assert 'ho_ten: "Trần Thị B"' in text and 'chuc_vu: "CHỦ TỊCH"' in text
    _, report = validate_file(target)
    assert not [d for d in report.errors if d.key_path.startswith(("co_quan", "nguoi_ky"))]


def test_help_is_vietnamese() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for word in ("Lệnh", "Kiểm tra", "Hiện hướng dẫn"):
        assert word in result.output
    for english in ("Show this message", "Commands", "Usage:"):
        assert english not in result.output


def test_usage_error_is_vietnamese() -> None:
    result = runner.invoke(app, ["render", "--khong-co"])
    assert result.exit_code == 2
    assert "kehoach render: lỗi: không có tùy chọn '--khong-co'" in result.output
    assert "Cách dùng: kehoach render [TÙY CHỌN] TỆP_YAML..." in result.output


# -- through the installed entry point -------------------------------------------------------


def _entry_point() -> str:
    exe = shutil.which("kehoach") or str(Path(sys.executable).parent / "kehoach")
    if not Path(exe).exists():
        if os.environ.get("CI") == "true":
            pytest.fail("lệnh 'kehoach' chưa được cài (pip install .)")
        pytest.skip("lệnh 'kehoach' chưa được cài (pip install .)")
    return exe


def test_installed_entry_point_renders_from_outside_the_repository(tmp_path: Path) -> None:
    exe = _entry_point()
    spec = tmp_path / "kh.yaml"
    shutil.copy(EXAMPLE, spec)
    proc = subprocess.run(
        [exe, "render", "kh.yaml", "-o", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "out" / "kh.docx").exists()


def test_installed_entry_point_errors_without_traceback(tmp_path: Path) -> None:
    exe = _entry_point()
    (tmp_path / "bad.yaml").write_text(BROKEN, "utf-8")
    proc = subprocess.run(
        [exe, "render", "bad.yaml"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert proc.returncode == 2
    assert "bad.yaml:4:5: lỗi [SO-3]" in proc.stderr
    assert "Traceback" not in proc.stderr + proc.stdout
    assert not (tmp_path / "bad.docx").exists()


def test_render_refuses_two_inputs_with_one_output_name(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(EXAMPLE, tmp_path / folder / "kh.yaml")
    out = tmp_path / "out"
    result = invoke(
        "render", str(tmp_path / "a" / "kh.yaml"), str(tmp_path / "b" / "kh.yaml"), "-o", str(out)
    )
    assert result.exit_code == 2 and "cùng ghi ra" in result.output
    assert not out.exists()


def test_render_checks_every_target_before_writing(tmp_path: Path) -> None:
    (tmp_path / "phu-phong-2024.docx").mkdir()
    other = ROOT / "examples" / "hoi-an-2024.yaml"
    result = invoke("render", str(other), str(EXAMPLE), "-o", str(tmp_path))
    assert result.exit_code == 2 and "thư mục trùng tên" in result.output
    assert not (tmp_path / "hoi-an-2024.docx").exists()


def test_render_output_folder_that_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("", "utf-8")
    result = invoke("render", str(EXAMPLE), "-o", str(blocker))
    assert result.exit_code == 2 and "không phải thư mục" in result.output


def test_office_template_may_reword_only_some_macros(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "ke_hoach.j2").write_text(
        "{% macro tieu_de_to_chuc_thuc_hien() %}PHÂN CÔNG THỰC HIỆN{% endmacro %}", "utf-8"
    )
    spec = ROOT / "examples" / "hoi-an-2024.yaml"
    assert invoke("render", str(spec), "-o", str(tmp_path), "--mau", str(mau)).exit_code == 0
    texts = [p.text for p in docx.Document(str(tmp_path / "hoi-an-2024.docx")).paragraphs]
    assert "III. PHÂN CÔNG THỰC HIỆN" in texts and "II. NHIỆM VỤ, GIẢI PHÁP" in texts


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("{{ khong_co }}", "biến 'khong_co' không tồn tại"),
        ("{% macro phan_cong(a, b) %}{{ phan_cong(a, b) }}{% endmacro %}", "gọi lại chính nó"),
        ("{% extends 'khong-co.j2' %}", "không tìm thấy mẫu khong-co.j2"),
    ],
)
def test_broken_office_template_is_explained(tmp_path: Path, content: str, fragment: str) -> None:
    mau = tmp_path / "m[a]u"  # brackets must not be read as console markup
    mau.mkdir()
    (mau / "ke_hoach.j2").write_text(content, "utf-8")
    result = invoke("render", str(EXAMPLE), "-o", str(tmp_path / "out"), "--mau", str(mau))
    assert result.exit_code == 2 and fragment in result.output
    assert not (tmp_path / "out").exists()


def test_office_template_not_utf8(tmp_path: Path) -> None:
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "ke_hoach.j2").write_bytes("Kế hoạch".encode("utf-16"))
    result = invoke("render", str(EXAMPLE), "-o", str(tmp_path / "out"), "--mau", str(mau))
    assert result.exit_code == 2 and "UTF-8" in result.output


def test_new_refuses_answers_that_would_not_validate(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--khong-hoi", "--nam", "0", "--viet-tat", "S GD")
    assert result.exit_code == 2
    assert "co_quan.viet_tat" in result.output and "ngay" in result.output
    assert not target.exists()


def test_version() -> None:
    import kehoach

    result = invoke("--version")
    assert result.exit_code == 0 and result.output.strip() == f"kehoach {kehoach.__version__}"


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_office_template_cannot_read_files_outside_its_folder(tmp_path: Path) -> None:
    """A link inside --mau to a file elsewhere is refused, whether included or the template
    itself (issue 11); a link that stays inside the folder is fine."""
    secret = tmp_path / "secret.txt"
    secret.write_text("mật khẩu của máy", "utf-8")
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "ngoai.txt").symlink_to(secret)
    (mau / "ke_hoach.j2").write_text(
        "{% macro phan_cong(a, b) %}{{ a }} {% include 'ngoai.txt' %}{% endmacro %}", "utf-8"
    )
    out = tmp_path / "out"
    result = invoke("render", str(EXAMPLE), "-o", str(out), "--mau", str(mau))
    assert result.exit_code == 2
    assert "nằm ngoài thư mục mẫu" in result.output and "ngoai.txt" in result.output
    assert "mật khẩu" not in result.output and not out.exists()

    (mau / "ke_hoach.j2").unlink()
    outside = tmp_path / "ke_hoach.j2"
    outside.write_text("{% macro phan_cong(a, b) %}{{ a }}: {{ b }}{% endmacro %}", "utf-8")
    (mau / "ke_hoach.j2").symlink_to(outside)
    result = invoke("render", str(EXAMPLE), "-o", str(out), "--mau", str(mau))
    assert result.exit_code == 2 and "nằm ngoài thư mục mẫu" in result.output

    (mau / "ke_hoach.j2").unlink()
    (mau / "that.j2").write_text(
        "{% macro phan_cong(a, b) %}{{ a }}: {{ b }}{% endmacro %}", "utf-8"
    )
    (mau / "ke_hoach.j2").symlink_to(mau / "that.j2")
    assert invoke("render", str(EXAMPLE), "-o", str(out), "--mau", str(mau)).exit_code == 0

    (mau / "moi.yaml.j2").symlink_to(secret)
    result = invoke("new", str(tmp_path / "kh.yaml"), "--mau", str(mau), "--khong-hoi")
    assert result.exit_code == 2 and "nằm ngoài thư mục mẫu" in result.output
    assert not (tmp_path / "kh.yaml").exists()


def test_render_takes_folders_recursively_and_keeps_their_subfolders(tmp_path: Path) -> None:
    specs = tmp_path / "ke-hoach"
    (specs / "xa").mkdir(parents=True)
    (specs / ".an").mkdir()
    shutil.copy(EXAMPLE, specs / "b.yaml")
    shutil.copy(EXAMPLE, specs / "xa" / "a.yml")
    shutil.copy(EXAMPLE, specs / ".an" / "hidden.yaml")
    (specs / "ghi-chu.txt").write_text("không phải kế hoạch", "utf-8")
    out = tmp_path / "out"
    result = invoke("render", str(specs), "-o", str(out), "--bao-cao", "-")
    assert result.exit_code == 0, result.output
    written = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.docx"))
    assert written == ["b.docx", "xa/a.docx"]
    report = json.loads(result.stdout)
    assert [f["nguon"] for f in report["tep"]] == [str(specs / "b.yaml"), str(specs / "xa/a.yml")]


def test_render_expands_a_quoted_glob_itself(tmp_path: Path) -> None:
    for name in ("mot", "hai"):
        shutil.copy(EXAMPLE, tmp_path / f"{name}.yaml")
    out = tmp_path / "out"
    assert invoke("render", str(tmp_path / "*.yaml"), "-o", str(out)).exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["hai.docx", "mot.docx"]
    result = invoke("validate", str(tmp_path / "khong-co-*.yaml"))
    assert result.exit_code == 2 and "không có tệp .yaml nào khớp" in result.output


def test_render_to_a_named_docx_for_one_plan(tmp_path: Path) -> None:
    target = tmp_path / "KH xã Tây Phú.docx"
    assert invoke("render", str(EXAMPLE), "-o", str(target)).exit_code == 0
    assert target.is_file() and target.read_bytes()[:2] == b"PK"
    result = invoke("render", str(EXAMPLE), str(EXAMPLES[0]), "-o", str(target), "--force")
    assert result.exit_code == 2 and "chỉ dùng khi xuất một kế hoạch" in result.output


def test_validate_an_empty_folder_is_an_error(tmp_path: Path) -> None:
    result = invoke("validate", str(tmp_path))
    assert result.exit_code == 2 and "thư mục không có tệp .yaml nào" in result.output
