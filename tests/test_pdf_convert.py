"""kehoach.export.pdf: .docx -> PDF with headless LibreOffice, PDF -> PNG with pdftoppm."""

from __future__ import annotations

import os
import stat
import struct
import sys
import time
import unicodedata
import zipfile
from pathlib import Path

import pytest
from docx import Document
from pdf_support import make_sample_docx, rendered_samples, require_libreoffice

from kehoach.export import pdf
from kehoach.export.pdf import ConversionError, docx_to_pdf, find_soffice, pdf_to_png
from kehoach.export.pdflayout import read_pdf_layout

posix_only = pytest.mark.skipif(os.name != "posix", reason="fake soffice is a shell script")


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    return rendered_samples(tmp_path_factory)


def tiny_docx(directory: Path, name: str = "tiny") -> Path:
    doc = Document()
    doc.add_paragraph("Kế hoạch thử nghiệm")
    path = directory / f"{name}.docx"
    doc.save(str(path))
    return path


def fake_soffice(directory: Path, body: str) -> str:
    script = directory / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body + "\n", encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)
    return str(script)


def assert_vietnamese_message(err: ConversionError, *fragments: str) -> None:
    text = str(err)
    assert unicodedata.is_normalized("NFC", text)
    for fragment in fragments:
        assert fragment in text, text


# --------------------------------------------------------------------------- discovery


def test_find_soffice_returns_none_when_absent(monkeypatch, tmp_path):
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv(pdf.SOFFICE_ENV, raising=False)
    monkeypatch.setattr(pdf, "SOFFICE_CANDIDATES", ())
    assert find_soffice() is None


@posix_only
def test_find_soffice_honours_env_override(monkeypatch, tmp_path):
    exe = fake_soffice(tmp_path, "exit 0")
    monkeypatch.setenv(pdf.SOFFICE_ENV, exe)
    assert find_soffice() == exe


# --------------------------------------------------------------------------- error messages


def test_missing_libreoffice_gives_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_soffice", lambda: None)
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as info:
        docx_to_pdf([tiny_docx(tmp_path)], out)
    assert_vietnamese_message(
        info.value,
        "Không tìm thấy LibreOffice để xuất PDF",
        "sudo apt-get install libreoffice-writer-nogui",
        "libreoffice.org",
    )
    assert not out.exists()


def test_missing_pdftoppm_gives_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_poppler_tool", lambda name: None)
    fake_pdf = tmp_path / "a.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ConversionError) as info:
        pdf_to_png(fake_pdf, tmp_path / "png")
    assert_vietnamese_message(info.value, "Không tìm thấy chương trình pdftoppm", "poppler-utils")


def test_missing_pdftotext_gives_install_hint(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf, "find_poppler_tool", lambda name: None)
    fake_pdf = tmp_path / "a.pdf"
    fake_pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ConversionError) as info:
        read_pdf_layout(fake_pdf)
    assert_vietnamese_message(info.value, "pdftotext", "poppler-utils")


def test_rejects_missing_and_invalid_inputs(tmp_path):
    with pytest.raises(ConversionError, match="Không tìm thấy tệp"):
        docx_to_pdf([tmp_path / "none.docx"], tmp_path / "out")
    text = tmp_path / "text.docx"
    text.write_text("không phải docx", encoding="utf-8")
    with pytest.raises(ConversionError, match=r"không phải tệp Word \.docx hợp lệ"):
        docx_to_pdf([text], tmp_path / "out")


def test_rejects_two_inputs_with_the_same_stem(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first, second = tiny_docx(tmp_path / "a", "x"), tiny_docx(tmp_path / "b", "x")
    with pytest.raises(ConversionError, match="cùng tên"):
        docx_to_pdf([first, second], tmp_path / "out")


def test_empty_batch_does_nothing(tmp_path):
    assert docx_to_pdf([], tmp_path / "out") == []
    assert not (tmp_path / "out").exists()


@posix_only
def test_exit_code_zero_without_output_is_an_error(tmp_path):
    """soffice reports 'could not be loaded' on stderr but still exits 0."""
    exe = fake_soffice(tmp_path, 'echo "Error: source file could not be loaded" >&2\nexit 0')
    out = tmp_path / "out"
    src = tiny_docx(tmp_path, "kế hoạch")
    with pytest.raises(ConversionError) as info:
        docx_to_pdf([src], out, soffice=exe)
    assert_vietnamese_message(
        info.value,
        "LibreOffice không xuất được PDF cho 1/1 tệp: kế hoạch.docx",
        "mã thoát 0",
        "Error: source file could not be loaded",
    )
    assert info.value.stderr.endswith("could not be loaded")
    assert not out.exists()  # nothing is made in the user's folder on failure


@posix_only
def test_timeout_kills_soffice_and_leaves_nothing(tmp_path):
    pid_file = tmp_path / "pid"
    sleeper = f'"{sys.executable}" -c "import time; time.sleep(60)"'
    exe = fake_soffice(tmp_path, f'echo $$ > "{pid_file}"\nexec {sleeper}')
    out = tmp_path / "out"
    started = time.monotonic()
    with pytest.raises(ConversionError) as info:
        docx_to_pdf([tiny_docx(tmp_path)], out, soffice=exe, timeout=1)
    assert time.monotonic() - started < 15
    assert_vietnamese_message(info.value, "không xuất xong PDF sau 1 giây")
    with pytest.raises(ProcessLookupError):
        os.kill(int(pid_file.read_text()), 0)
    assert not out.exists()  # nothing is made in the user's folder on failure


# --------------------------------------------------------------------------- real LibreOffice


@pytest.mark.libreoffice
def test_one_call_converts_every_file_in_order(samples):
    assert len(samples.docx) >= 2
    expected = [samples.out_dir / f"{src.stem}.pdf" for src in samples.docx.values()]
    assert list(samples.returned) == expected
    for path in expected:
        head = path.read_bytes()[:5]
        assert head == b"%PDF-", path


@pytest.mark.libreoffice
def test_no_leftover_temp_files_in_out_dir(samples):
    assert sorted(p.name for p in samples.out_dir.iterdir()) == sorted(
        f"{src.stem}.pdf" for src in samples.docx.values()
    )


@pytest.mark.libreoffice
def test_non_ascii_file_name_is_kept(samples):
    assert (samples.out_dir / "Kế hoạch số 05 (dự thảo).pdf").is_file()


@pytest.mark.libreoffice
def test_failed_file_fails_the_whole_batch_with_stderr(tmp_path):
    require_libreoffice()
    good = tiny_docx(tmp_path, "good")
    bad = tmp_path / "bad.docx"
    with zipfile.ZipFile(bad, "w") as zf:  # passes the package check, fails in LibreOffice
        zf.writestr("word/document.xml", "<broken")
    out = tmp_path / "out"
    with pytest.raises(ConversionError) as info:
        docx_to_pdf([good, bad], out)
    assert_vietnamese_message(
        info.value, "không xuất được PDF cho 1/2 tệp: bad.docx", "could not be loaded"
    )
    assert not out.exists()  # all-or-nothing: the folder is not even created


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.libreoffice
def test_png_pages_are_named_stem_dash_number(samples, tmp_path):
    pages = samples.pages("good")
    out = tmp_path / "png"
    result = pdf_to_png(samples.pdf["good"], out)
    assert [p.name for p in result] == [f"good-{i}.png" for i in range(1, len(pages) + 1)]
    assert sorted(p.name for p in out.iterdir()) == sorted(p.name for p in result)
    width, height = png_size(result[0])
    assert width == pytest.approx(210 / 25.4 * 110, abs=2)
    assert height == pytest.approx(297 / 25.4 * 110, abs=2)


@pytest.mark.libreoffice
def test_png_numbers_are_not_zero_padded_and_nothing_else_is_touched(samples, tmp_path):
    out = tmp_path / "png"
    out.mkdir()
    for name in ("long-40.png", "long-notes.png", "longer-1.png"):
        (out / name).write_bytes(b"old")
    count = len(samples.pages("long"))
    assert count >= 10  # pdftoppm would write long-01.png ...
    result = pdf_to_png(samples.pdf["long"], out, dpi=12)
    assert [p.name for p in result] == [f"long-{i}.png" for i in range(1, count + 1)]
    for name in ("long-40.png", "long-notes.png", "longer-1.png"):  # not ours: left alone
        assert (out / name).read_bytes() == b"old"
    assert not [p.name for p in out.iterdir() if p.name.startswith(".")]


@pytest.mark.libreoffice
def test_png_pages_never_replace_an_image_kehoach_did_not_make(samples, tmp_path):
    out = tmp_path / "png"
    out.mkdir()
    (out / "long-2.png").write_bytes(b"a photo")
    with pytest.raises(ConversionError, match="không do kehoach tạo"):
        pdf_to_png(samples.pdf["long"], out, dpi=12)
    assert sorted(p.name for p in out.iterdir()) == ["long-2.png"]
    assert (out / "long-2.png").read_bytes() == b"a photo"
    first = pdf_to_png(samples.pdf["long"], out, dpi=12, force=True)
    again = pdf_to_png(samples.pdf["long"], out, dpi=12)  # its own pages are replaced
    assert first == again


@pytest.mark.libreoffice
def test_png_of_corrupt_pdf_is_an_error(tmp_path):
    require_libreoffice()
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"not a pdf at all")
    out = tmp_path / "png"
    with pytest.raises(ConversionError, match="pdftoppm không xuất được ảnh"):
        pdf_to_png(bad, out)
    assert not out.exists()  # nothing is made in the user's folder on failure


def test_png_into_relative_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`kehoach render kh.yaml --png` writes next to the spec: a relative "." directory."""
    require_libreoffice()
    docx_file = make_sample_docx(tmp_path, body_paragraphs=3, name="rel")
    monkeypatch.chdir(tmp_path)
    (pdf,) = docx_to_pdf([Path("rel.docx")], Path("."))
    images = pdf_to_png(pdf, Path("."))
    assert [p.name for p in images] == ["rel-1.png"]
    assert (tmp_path / "rel-1.png").exists() and docx_file.exists()


def test_fonts_the_user_installed_are_seen_through_the_private_HOME(tmp_path, monkeypatch):
    """LibreOffice runs with a private HOME; fonts in the user's ~/.fonts (and their
    fontconfig settings) must still reach it, or the PDF sets the plan in a substitute."""
    import shutil
    import subprocess

    fc_list = shutil.which("fc-list")
    system = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")
    if fc_list is None or not system.exists():
        pytest.skip("fontconfig or a system font to copy is missing")
    home = tmp_path / "home"
    (home / ".fonts").mkdir(parents=True)
    own = home / ".fonts" / "kehoach-user-font.ttf"
    shutil.copyfile(system, own)
    (home / ".config" / "fontconfig").mkdir(parents=True)
    monkeypatch.setenv("HOME", str(home))
    private = tmp_path / "private"
    private.mkdir()
    env = pdf._child_env(private)
    assert env["HOME"] == str(private)
    assert (private / ".fonts").is_symlink() and (private / ".fonts").resolve() == home / ".fonts"
    assert (private / "config" / "fontconfig").resolve() == home / ".config" / "fontconfig"
    listed = subprocess.run(
        [fc_list, ":", "file"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert "kehoach-user-font.ttf" in listed
    # Removing the private folder removes the links only: the user's fonts stay.
    shutil.rmtree(private)
    assert own.exists()
