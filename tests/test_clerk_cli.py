"""Clerk safety of the command line (issue 10): `new` checks each answer as it is typed and
writes only YAML files, the commands it suggests survive names with spaces, help shows what
an option takes, the documentation comes with the installed program, Ctrl-C ends with 130
and leaves nothing behind, and files are named by the path the user gave."""

from __future__ import annotations

import os
import shlex
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from specs import VALID
from typer.testing import CliRunner

from kehoach import batch
from kehoach.cli import app
from kehoach.scaffold import shell_quote

runner = CliRunner()


def invoke(*args: str, **kwargs: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), **kwargs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result


# The questions of `kehoach new`, in order: cơ quan, chủ quản, viết tắt, địa danh, năm,
# trích yếu, người ký, chức vụ.
ANSWERS = [
    "Ủy ban nhân dân xã Tân Hòa",
    "",
    "UBND",
    "Tân Hòa",
    "2026",
    "chuyển đổi số năm 2026",
    "Trần Thị Bình",
    "Chủ tịch",
]


def answers(**changes: list[str]) -> str:
    """The answers, with some replaced by several lines (a wrong answer, then a right one)."""
    keys = ["co_quan", "chu_quan", "viet_tat", "dia_danh", "nam", "trich_yeu", "nguoi_ky"]
    lines: list[str] = []
    for key, answer in zip([*keys, "chuc_vu"], ANSWERS, strict=True):
        lines += changes.get(key, [answer])
    return "\n".join(lines) + "\n"


# -- item 5: `kehoach new` ----------------------------------------------------------------------


def test_a_bad_year_is_asked_again_in_vietnamese(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--hoi", input=answers(nam=["hai nghìn", "2026"]))
    assert result.exit_code == 0, result.output
    assert "'hai nghìn' không phải là năm; viết năm bằng chữ số, ví dụ 2026" in result.output
    assert "Input should" not in result.output and "integer" not in result.output
    assert result.output.count("Năm ban hành") == 2
    assert "ngay: 2026" in target.read_text("utf-8")


def test_each_answer_is_checked_right_after_its_question(tmp_path: Path) -> None:
    """A wrong abbreviation is refused before the next question; the answers before it are
    kept, not thrown away at the end."""
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--hoi", input=answers(viet_tat=["S GD", "UBND"]))
    assert result.exit_code == 0, result.output
    out = result.output
    refusal = out.index("co_quan.viet_tat:")
    assert out.index("Chữ viết tắt") < refusal < out.index("Địa danh")
    assert out.count("Chữ viết tắt") == 2 and out.count("Tên cơ quan ban hành") == 1


def test_the_answers_are_written_into_the_file(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    assert invoke("new", str(target), "--hoi", input=answers()).exit_code == 0
    text = target.read_text("utf-8")
    for written in (
        'ten: "ỦY BAN NHÂN DÂN XÃ TÂN HÒA"',
        'dia_danh: "Tân Hòa"',
        "ngay: 2026",
        'trich_yeu: "Chuyển đổi số năm 2026"',
        'ho_ten: "Trần Thị Bình"',
        'chuc_vu: "CHỦ TỊCH"',
    ):
        assert written in text, written


def test_enter_leaves_a_stand_in_to_fill_in_later(tmp_path: Path) -> None:
    """Enter on a question whose default is a stand-in ("Địa danh") is not refused: the
    stand-in stays in the file for the clerk (and validate names it until it is replaced)."""
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--hoi", input=answers(dia_danh=[""]))
    assert result.exit_code == 0, result.output
    assert "Địa danh (Enter: để điền sau trong tệp):" in result.output
    assert 'dia_danh: "Địa danh"' in target.read_text("utf-8")


def test_options_given_are_checked_and_nothing_is_written(tmp_path: Path) -> None:
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--khong-hoi", "--viet-tat", "S GD")
    assert result.exit_code == 2
    assert "chưa ghi tệp" in result.output and "co_quan.viet_tat" in result.output
    assert not target.exists()


def test_text_not_in_utf8_is_refused_not_a_traceback(tmp_path: Path) -> None:
    """A terminal in another encoding sends bytes Python cannot decode (surrogates)."""
    target = tmp_path / "kh.yaml"
    result = invoke("new", str(target), "--khong-hoi", "--co-quan", "UBND x\udcff")
    assert result.exit_code == 2, result.output
    assert "--co-quan: không đọc được chữ" in result.output and not target.exists()


@pytest.mark.parametrize(
    ("name", "fixed"),
    [("kh.docx", "kh.yaml"), ("kh", "kh.yaml"), ("KH xã.txt", "'KH xã.yaml'")],
)
def test_new_writes_only_yaml_files(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, fixed: str
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", name, "--khong-hoi")
    assert result.exit_code == 2
    assert f"{name}: tệp kế hoạch là tệp YAML, tên phải có đuôi .yaml (hoặc .yml)" in result.output
    assert f"Dùng: kehoach new {fixed}\n" in result.output
    assert list(tmp_path.iterdir()) == []
    if name.endswith(".docx"):
        assert "tệp Word là kết quả của kehoach render" in result.output


def test_the_suggested_command_survives_a_name_with_spaces(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = invoke("new", "KH xã Tây Phú.yaml", "--khong-hoi")
    assert result.exit_code == 0, result.output
    command = result.output.strip().split("Sửa nội dung rồi chạy: ", 1)[1]
    assert shlex.split(command) == ["kehoach", "render", "KH xã Tây Phú.yaml"]
    assert shell_quote("ke-hoạch-xã.yaml") == "ke-hoạch-xã.yaml"  # no needless quotes
    assert shlex.split(shell_quote("it's.yaml")) == ["it's.yaml"]
    assert shlex.split(shell_quote("-x.yaml")) == ["./-x.yaml"]


def test_the_skeleton_gets_the_quoted_name_too(tmp_path: Path) -> None:
    """Templates may write the commands they suggest with {{ ten_tep_lenh }}."""
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "moi.yaml.j2").write_text(
        (ROOT / "templates" / "moi.yaml.j2").read_text("utf-8")
        + "# kehoach render {{ ten_tep_lenh }}\n# ky_thay: {{ ky_thay }}\n",
        "utf-8",
    )
    target = tmp_path / "KH xã.yaml"
    result = invoke("new", str(target), "--khong-hoi", "--mau", str(mau), "--chuc-vu", "Chủ tịch")
    assert result.exit_code == 0, result.output
    assert "# kehoach render 'KH xã.yaml'\n" in target.read_text("utf-8")


def test_a_missing_include_of_an_office_skeleton_is_explained(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("mau").mkdir()
    Path("mau/moi.yaml.j2").write_text("{% include 'khong-co.j2' %}", "utf-8")
    result = invoke("new", "kh.yaml", "--khong-hoi", "--mau", "mau")
    assert result.exit_code == 2
    assert "không tìm thấy mẫu 'khong-co.j2' trong thư mục mau" in result.output
    assert "not found" not in result.output and str(ROOT) not in result.output


# -- item 8: what users notice ------------------------------------------------------------------


def test_help_shows_what_each_option_takes() -> None:
    render = invoke("render", "-h").output
    assert "  -o, --output THƯ_MỤC  " in render and "      --mau THƯ_MỤC  " in render
    assert "  -j, --jobs SỐ  " in render and "      --bao-cao TỆP.json  " in render
    assert "      --pdf  " in render and "--pdf THƯ" not in render
    new = invoke("new", "-h").output
    assert "      --nam NĂM  " in new and "      --co-quan TÊN  " in new
    assert "      --hoi / --khong-hoi  " in new


def test_help_points_to_the_installed_documentation() -> None:
    for command in ("render", "validate"):
        out = invoke(command, "-h").output
        assert "docs/" not in out and "kehoach huong-dan" in out
    assert "kehoach huong-dan" in invoke("-h").output


@pytest.mark.parametrize(
    ("topic", "says"),
    [
        ("spec", "# Tệp kế hoạch của `kehoach`"),
        ("docs/don-vi.md", "# Một kế hoạch chung, nhiều đơn vị"),
        ("nguoi_ky", "### 3.15. `nguoi_ky`"),
        ("co_quan.ten", "#### `co_quan.ten`"),
        ("nguoi_ky.ho_ten", "### 3.15. `nguoi_ky`"),  # a key path as messages write it
        ("ho_ten", "### 3.15. `nguoi_ky`"),
        ("3.2", "### 3.2. `so`"),
        ("KT-6", "| KT-6 |"),
    ],
)
def test_huong_dan_prints_the_documentation(topic: str, says: str) -> None:
    result = invoke("huong-dan", topic)
    assert result.exit_code == 0, result.output
    assert says in result.output


def test_huong_dan_lists_and_refuses(tmp_path: Path) -> None:
    listing = invoke("huong-dan")
    assert listing.exit_code == 0
    for topic in ("spec", "check", "don-vi", "bao-cao"):
        assert f"  {topic} " in listing.output
    unknown = invoke("huong-dan", "khong-co")
    assert unknown.exit_code == 2 and "không có mục hướng dẫn 'khong-co'" in unknown.output


def test_section_ends_at_the_next_section() -> None:
    result = invoke("huong-dan", "3.2")
    assert result.exit_code == 0 and "### 3.2. `so`" in result.output
    assert "### 3.3." not in result.output and "### 3.1." not in result.output


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """kehoach installed from its wheel into a folder of its own (no repository around)."""
    work = tmp_path_factory.mktemp("wheel")
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(work), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = work.glob("kehoach-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for doc in (ROOT / "docs").rglob("*.md"):
        assert f"kehoach/docs/{doc.relative_to(ROOT / 'docs').as_posix()}" in names, doc
    target = work / "site"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--no-deps",
            "-q",
            "--target",
            str(target),
            str(wheel),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    return target


def test_the_installed_program_shows_its_documentation(installed: Path, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(installed)}
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach", "huong-dan", "nguoi_ky"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert "### 3.15. `nguoi_ky`" in proc.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import kehoach.guide as g; print(g.docs_dir())"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        check=True,
    )
    assert Path(where.stdout.strip()) == (installed / "kehoach" / "docs").resolve()


# -- Ctrl-C -------------------------------------------------------------------------------------


def _specs(folder: Path, count: int) -> Path:
    folder.mkdir()
    for i in range(count):
        (folder / f"kh{i:04d}.yaml").write_text(VALID, "utf-8")
    return folder


def test_an_interrupted_batch_with_workers_leaves_no_staged_file(tmp_path: Path) -> None:
    """Workers stage documents beside their targets; stopped after the first outcome, the
    batch removes every staged file, also those of chunks the workers finished meanwhile."""
    specs = _specs(tmp_path / "specs", 200)
    out = tmp_path / "out"
    jobs, problems = batch.spec_jobs([specs], out)
    assert not problems

    def stop(outcome: batch.Outcome, done: int, total: int) -> None:
        time.sleep(0.3)  # the workers go on meanwhile
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        batch.run_batch(
            "render", jobs, write=True, settings=batch.Settings(write=True), jobs_count=2,
            progress=stop,
        )  # fmt: skip
    left = [p.name for p in out.rglob("*")] if out.exists() else []
    assert left == []


def _start(args: list[str], cwd: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "kehoach", *args],
        cwd=cwd,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # Started from a shell in the background, SIGINT may be ignored; a terminal's is not.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_during_a_batch_with_workers(tmp_path: Path) -> None:
    _specs(tmp_path / "specs", 1500)
    proc = _start(["render", "specs", "-o", "out", "-j", "2"], tmp_path)
    deadline = time.monotonic() + 60

    def working() -> bool:  # staged files on disk: the batch is under way, handlers installed
        out = tmp_path / "out"
        return out.exists() and next(out.rglob("*.kehoach-tmp"), None) is not None

    while not working() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    if proc.poll() is not None:  # a very fast machine finished 1,500 plans first
        pytest.skip("the batch ended before it could be interrupted")
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert err.strip().endswith("đã dừng.") and "Traceback" not in err
    assert (
        not list((tmp_path / "out").rglob("*.kehoach-tmp")) if (tmp_path / "out").exists() else True
    )


@pytest.mark.skipif(os.name != "posix", reason="signals")
def test_ctrl_c_at_a_question_of_new(tmp_path: Path) -> None:
    proc = _start(["new", "--hoi", "kh.yaml"], tmp_path)
    assert proc.stdout is not None
    seen = ""
    while "Tên cơ quan ban hành" not in seen:
        seen += proc.stdout.read(1)
    os.killpg(proc.pid, signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.strip().endswith("đã dừng.") and not (tmp_path / "kh.yaml").exists()


# -- paths: as the user gave them ---------------------------------------------------------------


def test_messages_name_files_as_the_user_gave_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("kh.yaml").write_text(VALID, "utf-8")
    Path("hong.yaml").write_text(VALID.replace('so: "05"', "so: 5"), "utf-8")
    outputs = [
        invoke("render", "kh.yaml", "-o", "out").output,
        invoke("render", "hong.yaml", "-o", "out").output,
        invoke("validate", ".").output,
        invoke("check", "out/kh.docx", "khong-co.docx").output,
        invoke("new", "moi.yaml", "--khong-hoi").output,
    ]
    assert "đã ghi out/kh.docx" in outputs[0]
    assert "hong.yaml:" in outputs[1]
    for out in outputs:
        assert str(tmp_path) not in out and str(ROOT) not in out, out


def test_a_failed_pdf_export_names_the_users_document(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice converts private copies; its failure names the document the user gets."""
    from kehoach.export import pdf

    monkeypatch.chdir(tmp_path)
    Path("kh.yaml").write_text(VALID, "utf-8")
    monkeypatch.setattr(pdf, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(pdf, "_run", lambda *a, **k: (1, b""))
    result = invoke("render", "kh.yaml", "--pdf", "-o", "out")
    assert result.exit_code == 2
    assert "LibreOffice không xuất được PDF cho 1/1 tệp: kh.docx" in result.output
    assert "doc0" not in result.output and str(tmp_path) not in result.output
