"""Hostile input (issue 11): inputs generated here, never shipped as large files. Each is
refused with exit 2, a Vietnamese message with its location, no traceback and no output
file, within 10 s and 1 GB (a subprocess under resource limits)."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from specs import VALID

from kehoach.spec.loader import MAX_BYTES, MAX_DEPTH
from kehoach.spec.validate import validate_text

LIMIT_S = 10
LIMIT_BYTES = 1024**3


def _limits() -> None:  # runs in the child before exec
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))
    resource.setrlimit(resource.RLIMIT_CPU, (LIMIT_S, LIMIT_S))


def kehoach(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The installed command in a child process held to 10 s and 1 GB."""
    return subprocess.run(
        [sys.executable, "-m", "kehoach", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=LIMIT_S * 2,
        preexec_fn=_limits,
        env={**os.environ, "COLUMNS": "200"},
    )


def refused(result: subprocess.CompletedProcess[str], *words: str) -> str:
    output = result.stdout + result.stderr
    assert result.returncode == 2, output
    assert "Traceback" not in output and "lỗi không mong đợi" not in output, output
    for word in words:
        assert word in output, output
    return output


CASES = {
    # name: (spec text, words the message must contain, "line:column" expected or None)
    "flow nesting 500": ("a: " + "[" * 500 + "]" * 500 + "\n", ["lồng nhau quá sâu"], "1:"),
    "block nesting 600": (
        "".join("  " * i + "- \n" for i in range(600)),
        ["lồng nhau quá sâu"],
        f"{MAX_DEPTH + 1}:",
    ),
    "nested muc 10k": (
        VALID.replace(
            "    - Tuyên truyền\n",
            "    - " + "{noi_dung: x, muc: [" * 10_000 + "y" + "]}" * 10_000 + "\n",
        ),
        ["lồng nhau quá sâu"],
        "10:",
    ),
    "a lone surrogate and an ampersand": (
        VALID + 'ghi_chu: "\\ud800"\nx: "a &b"\n',
        ["mã thoát", "không phải một ký tự hợp lệ"],
        f"{VALID.count(chr(10)) + 1}:",
    ),
    "a lone surrogate": (
        VALID.replace("dia_danh: An Phú", 'dia_danh: "An\\ud800Phú"'),
        ["nửa cặp thay thế"],
        "5:",
    ),
    "only ---": ("---\n", ["không có nội dung kế hoạch"], None),
    "only null": ("null\n", ["không có nội dung kế hoạch"], "1:1"),
    "only ~": ("~\n", ["không có nội dung kế hoạch"], "1:1"),
    "!!str tag": (VALID.replace('so: "05"', "so: !!str 05"), ["'!!str'", "thẻ (tag)"], "4:5"),
    "!!int tag": (VALID.replace('so: "05"', "so: !!int 05"), ["'!!int'"], "4:5"),
    "!!binary tag": (VALID + "ghi_chu: !!binary aGVsbG8=\n", ["'!!binary'"], None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_spec_is_refused_with_its_place(name: str, tmp_path: Path) -> None:
    text, words, where = CASES[name]
    spec = tmp_path / "ke-hoach.yaml"
    spec.write_text(text, "utf-8", errors="surrogatepass")
    output = refused(kehoach("render", str(spec), "-o", "out", cwd=tmp_path), *words)
    if where is not None:
        assert f"ke-hoach.yaml:{where}" in output, output
    assert not (tmp_path / "out").exists()


def test_format_characters_are_stripped_with_a_warning() -> None:
    """U+202E in dia_danh printed the issue date reversed; a zero-width space made an empty
    name look filled."""
    spec, report = validate_text(VALID.replace("dia_danh: An Phú", "dia_danh: An Phú\u202e"))
    assert spec is not None and spec.dia_danh == "An Phú"
    (warning,) = report.warnings
    assert "U+202E" in warning.message and warning.position.line == 5
    spec, report = validate_text(
        VALID.replace("  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ", '  ten: "\\u200b"')
    )
    assert spec is None and any("co_quan.ten" in e.key_path for e in report.errors)


def test_a_fifo_a_device_and_a_huge_sparse_file_are_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    refused(kehoach("validate", str(fifo), cwd=tmp_path), "không phải một tệp thường")
    refused(kehoach("render", "/dev/zero", "-o", "out", cwd=tmp_path), "không phải một tệp thường")
    sparse = tmp_path / "lon.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(2 * 1024**3)  # 2 GiB of nothing, read whole before: MemoryError
    refused(
        kehoach("validate", str(sparse), cwd=tmp_path),
        "tệp quá lớn",
        f"{MAX_BYTES:,}".replace(",", "."),
    )
    assert not (tmp_path / "out").exists()


def test_the_largest_spec_accepted_renders_in_bounds(tmp_path: Path) -> None:
    """100k list items took 90 s and 705 MB: now the node limit and the cost are such that
    every accepted file renders within the test's 10 s and 1 GB."""
    from kehoach.spec.loader import MAX_NODES

    items = MAX_NODES - 200  # the rest of the spec holds a few dozen nodes
    text = VALID.replace("    - Tuyên truyền\n", "".join(f"    - {i}\n" for i in range(items)))
    (tmp_path / "lon.yaml").write_text(text, "utf-8")
    result = kehoach("render", "lon.yaml", "-o", "out", "-q", cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "out" / "lon.docx").stat().st_size > 100_000
    (tmp_path / "qua-lon.yaml").write_text(
        VALID.replace("    - Tuyên truyền\n", "".join(f"    - {i}\n" for i in range(MAX_NODES))),
        "utf-8",
    )
    refused(kehoach("render", "qua-lon.yaml", "-o", "out2", cwd=tmp_path), "quá nhiều phần tử")
    assert not (tmp_path / "out2").exists()


# -- office templates (--mau) ------------------------------------------------------------------

TEMPLATES = {
    # name: (ke_hoach.j2, words the message must contain, "file:line" or None)
    "division by zero": ("{% macro loi_dan(kh) %}\n\n{{ 1/0 }}{% endmacro %}", ["chia cho 0"], 3),
    "text plus number": (
        "{% macro loi_dan(kh) %}{{ kh.ten_goi + 1 }}{% endmacro %}",
        ["khác kiểu"],
        1,
    ),
    "a huge range": (
        "{% macro loi_dan(kh) %}{% for i in range(10**9) %}x{% endfor %}{% endmacro %}",
        ["range() quá lớn"],
        1,
    ),
    "a huge string": ('{% macro loi_dan(kh) %}{{ "x" * 10**9 }}{% endmacro %}', ["quá dài"], None),
    "a huge power": (
        "{% macro loi_dan(kh) %}{{ 2 ** 100000000 }}{% endmacro %}",
        ["số quá lớn"],
        None,
    ),
    "an endless loop": (
        "{% macro loi_dan(kh) %}{% for i in range(99999) %}{% for j in range(99999) %}"
        "x{% endfor %}{% endfor %}{% endmacro %}",
        ["quá 2 giây"],
        None,
    ),
    "a missing argument": (
        "{% macro loi_dan(kh, y) %}{{ y }}{% endmacro %}",
        ["cần tham số 'y'"],
        1,
    ),
    "not a macro": ("{% set loi_dan = 5 %}", ["không phải là một macro"], None),
    "caller without call": (
        "{% macro loi_dan(kh) %}{{ caller() }}{% endmacro %}",
        ["caller()"],
        1,
    ),
    "a control character": (
        '{% macro loi_dan(kh) %}{{ "\\x01" }}{% endmacro %}',
        ["ký tự điều khiển U+0001"],
        None,
    ),
    "a missing include": (
        '{% macro loi_dan(kh) %}{% include "khong-co.j2" %}{% endmacro %}',
        ["không tìm thấy tệp mẫu 'khong-co.j2'"],
        1,
    ),
    "a non-UTF-8 include": (
        '{% macro loi_dan(kh) %}\n{% include "latin.j2" %}{% endmacro %}',
        ["không lưu bằng UTF-8"],
        2,
    ),
}


@pytest.mark.parametrize("name", sorted(TEMPLATES))
def test_a_hostile_office_template_is_refused_by_name(name: str, tmp_path: Path) -> None:
    template, words, line = TEMPLATES[name]
    mau = tmp_path / "mau"
    mau.mkdir()
    (mau / "ke_hoach.j2").write_text(template, "utf-8")
    (mau / "latin.j2").write_bytes("café".encode("latin-1"))
    spec = tmp_path / "kh.yaml"  # no loi_dan: the template's macro words it
    spec.write_text(VALID, "utf-8")
    output = refused(
        kehoach("render", "kh.yaml", "-o", "out", "--mau", "mau", cwd=tmp_path), *words
    )
    assert "lỗi mẫu câu chữ" in output
    if line is not None:
        assert f"mau/ke_hoach.j2:{line}:" in output, output
    assert not (tmp_path / "out").exists()


def test_operating_system_reasons_are_never_english() -> None:
    """ "File too large" reached the user as the system worded it."""
    import errno

    from kehoach.spec.diagnostics import os_error_text

    for code in errno.errorcode:
        text = os_error_text(OSError(code, os.strerror(code)))
        assert os.strerror(code) not in text, text
    assert os_error_text(OSError(errno.EFBIG, "File too large")) == (
        "tệp vượt quá kích thước hệ thống cho phép"
    )


def test_terminal_escapes_in_names_and_values_are_shown_not_sent(tmp_path: Path) -> None:
    """Issue 11: "\\e[2J" in a file name or a value reached the terminal raw."""
    name = "a\x1b[2Jb.yaml"
    (tmp_path / name).write_text(VALID, "utf-8")
    (tmp_path / "gia-tri.yaml").write_text(
        VALID.replace("dia_danh: An Phú", 'dia_danh: "\\e]0;pwned\\a"'), "utf-8"
    )
    result = kehoach("render", name, "-o", "out", cwd=tmp_path)
    assert result.returncode == 0 and "\x1b" not in result.stdout + result.stderr
    assert "a\\x1b[2Jb.docx" in result.stdout + result.stderr
    result = kehoach("validate", "gia-tri.yaml", name.replace("a", "khong-co-"), cwd=tmp_path)
    output = result.stdout + result.stderr
    assert result.returncode == 2 and "\x1b" not in output and "\x07" not in output


# -- check: damaged, oversized and costly documents ------------------------------------------------


def _docx_with(tmp_path: Path, name: str, change) -> Path:  # type: ignore[no-untyped-def]
    """A rendered plan with its parts passed through ``change(name, bytes) -> bytes``."""
    import io
    import zipfile

    import kehoach

    data = kehoach.to_docx_bytes(kehoach.loads(VALID))
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for part in src.namelist():
            dst.writestr(part, change(part, src.read(part)))
        extra = change("", b"")
        if extra:
            dst.writestr("word/numbering.xml", extra)
    path = tmp_path / name
    path.write_bytes(out.getvalue())
    return path


def test_check_refuses_damaged_and_inflating_packages_in_vietnamese(tmp_path: Path) -> None:
    """Issue 11: "Lỗi nội bộ … XMLSyntaxError", a zip bomb inflating to 3 GB, a FIFO."""
    broken = _docx_with(
        tmp_path,
        "hong.docx",
        lambda n, b: b[: len(b) // 2] if n == "word/document.xml" else b,
    )
    bomb = _docx_with(
        tmp_path,
        "bom.docx",
        lambda n, b: (
            b.replace(b"<w:body>", b"<w:body><!--" + b" " * 300_000_000 + b"-->", 1)
            if n == "word/document.xml"
            else b
        ),
    )
    fifo = tmp_path / "ong.docx"
    os.mkfifo(fifo)
    for path, words in (
        (broken, "XML bị hỏng"),
        (bomb, "bất thường với một văn bản Word"),
        (fifo, "không phải một tệp thường"),
    ):
        result = kehoach("check", path.name, cwd=tmp_path)
        output = result.stdout + result.stderr
        assert result.returncode == 2 and words in output, output
        assert "Lỗi nội bộ" not in output and "Error" not in output


def test_check_of_a_document_with_thousands_of_lists_is_quick(tmp_path: Path) -> None:
    """Issue 11: 3,000 w:num entries took over 120 s (every definition rescanned per
    paragraph); the index makes it one pass."""
    count = 3000
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    numbering = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering {w}>'
        + "".join(
            f'<w:abstractNum w:abstractNumId="{i}"><w:lvl w:ilvl="0"><w:pPr>'
            '<w:ind w:left="0"/></w:pPr></w:lvl></w:abstractNum>'
            for i in range(count)
        )
        + "".join(
            f'<w:num w:numId="{i + 1}"><w:abstractNumId w:val="{i}"/></w:num>' for i in range(count)
        )
        + "</w:numbering>"
    ).encode()

    def change(name: str, data: bytes) -> bytes:
        if name == "":
            return numbering
        if name == "word/document.xml":  # every paragraph in the last list
            return data.replace(
                b"<w:pPr>", f'<w:pPr><w:numPr><w:numId w:val="{count}"/></w:numPr>'.encode()
            )
        if name == "word/_rels/document.xml.rels":
            return data.replace(
                b"</Relationships>",
                b'<Relationship Id="rIdNum" Type="http://schemas.openxmlformats.org/'
                b'officeDocument/2006/relationships/numbering" Target="numbering.xml"/>'
                b"</Relationships>",
            )
        if name == "[Content_Types].xml":
            return data.replace(
                b"</Types>",
                b'<Override PartName="/word/numbering.xml" ContentType="application/'
                b'vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/></Types>',
            )
        return data

    path = _docx_with(tmp_path, "nhieu-danh-sach.docx", change)
    result = kehoach("check", path.name, cwd=tmp_path)  # within 10 s of CPU, 1 GB
    output = result.stdout + result.stderr
    assert result.returncode in (0, 1) and "Traceback" not in output, output


@pytest.mark.libreoffice
def test_pdf_export_leaves_nothing_behind_even_when_interrupted(tmp_path: Path) -> None:
    """Issue 11: --pdf wrote into $HOME/.config and $HOME/.cache, and an interrupted run left
    soffice running, .kehoach-pdf-*/ in the output folder and /tmp/kehoach-lo-*."""
    import signal
    import time

    from pdf_support import require_libreoffice

    require_libreoffice()
    home, temp = tmp_path / "home", tmp_path / "tmp"
    home.mkdir()
    temp.mkdir()
    (tmp_path / "kh.yaml").write_text(VALID, "utf-8")
    env = {**os.environ, "HOME": str(home), "TMPDIR": str(temp)}
    command = [sys.executable, "-m", "kehoach", "render", "kh.yaml", "-o", "out", "--pdf"]
    done = subprocess.run(
        command, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["kh.docx", "kh.pdf"]
    assert list(home.iterdir()) == [] and list(temp.iterdir()) == []

    running = subprocess.Popen(
        [*command[:5], "-o", "out2", "--pdf"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while not list(temp.iterdir()) and time.monotonic() < deadline:  # LibreOffice started
        time.sleep(0.05)
    running.send_signal(signal.SIGINT)
    assert running.wait(timeout=60) == 130
    time.sleep(0.5)
    assert list(temp.iterdir()) == [] and list(home.iterdir()) == []
    assert not (tmp_path / "out2").exists() or not any((tmp_path / "out2").iterdir())
    leftover = subprocess.run(["pgrep", "-f", str(temp)], capture_output=True, text=True)
    assert leftover.stdout.strip() == "", "an soffice of this run is still running"


@pytest.mark.parametrize(
    ("skeleton", "words"),
    [
        ("a\n\n{{ 1/0 }}", ["mau/moi.yaml.j2:3:", "chia cho 0"]),
        (
            "{% for i in range(99999) %}{% for j in range(99999) %}x{% endfor %}{% endfor %}",
            ["quá 2 giây"],
        ),
        ('{{ "x" * 10**9 }}', ["quá dài"]),
        ('{% include "khong-co.j2" %}', ["không tìm thấy mẫu 'khong-co.j2'"]),
    ],
)
def test_a_hostile_office_skeleton_for_new_is_refused(
    tmp_path: Path, skeleton: str, words: list[str]
) -> None:
    """Issue 11: `new --mau` ran an office's skeleton unbounded (a traceback on 1/0, a hang)."""
    (tmp_path / "mau").mkdir()
    (tmp_path / "mau" / "moi.yaml.j2").write_text(skeleton, "utf-8")
    result = kehoach("new", "kh.yaml", "--khong-hoi", "--mau", "mau", cwd=tmp_path)
    refused(result, "lỗi mẫu tệp", *words)
    assert not (tmp_path / "kh.yaml").exists()


def test_check_flags_bidi_controls_and_escapes_file_names(tmp_path: Path) -> None:
    """Issue 11: a U+202E in the date line passed check; an ESC in a file name reached the
    terminal."""
    bidi = _docx_with(
        tmp_path,
        "dao-chieu.docx",
        lambda n, b: (
            b.replace("An Phú, ngày".encode(), "An Phú\u202e, ngày".encode(), 1)
            if n == "word/document.xml"
            else b
        ),
    )
    result = kehoach("check", bidi.name, cwd=tmp_path)
    assert result.returncode == 1 and "[F-2]" in result.stdout and "U+202E" in result.stdout
    named = tmp_path / "a\x1b[2Jb.docx"
    named.write_bytes((tmp_path / "dao-chieu.docx").read_bytes())
    result = kehoach("check", named.name, cwd=tmp_path)
    assert "\x1b" not in result.stdout + result.stderr
    assert "a\\x1b[2Jb.docx" in result.stdout
