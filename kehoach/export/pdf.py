"""Export .docx to PDF with headless LibreOffice, and PDF pages to PNG with pdftoppm.

Design notes (each one is a LibreOffice pitfall met in practice):

* One ``soffice`` process converts the whole batch: start-up is the slow part (1-3 s, more
  on a cold profile), each extra document costs a fraction of a second.
* Every run uses a private, throw-away user profile (``-env:UserInstallation=<file URI>``).
  Without it ``soffice`` hands the job to an already running LibreOffice (the user's open
  Writer window, or a parallel test worker) and returns at once without converting anything.
  It also makes the conversion independent of the user's settings and lets it run as root or
  with an unwritable ``$HOME``: ``$HOME`` always points at the private temp directory.
* ``soffice`` exits with status 0 even when a file could not be loaded ("Error: source file
  could not be loaded" on stderr), and it imports anything it cannot recognise as plain text.
  So inputs are checked to be real .docx packages, the Word import filter is forced
  (``--infilter``) and success is judged only by a complete ``%PDF`` file existing afterwards.
* The output name is ``<input stem>.pdf``, so inputs are copied under neutral ASCII names
  into a private temporary folder (never the user's folder): this keeps non-ASCII file
  names away from LibreOffice's locale-dependent path handling. Finished files reach the
  user's folder only through ``kehoach.export.outputs`` (checked first, written atomically, never
  over a file kehoach did not make), so a failed or interrupted run leaves it untouched.
* On timeout the whole process group is killed: ``soffice`` is a wrapper script that starts
  ``oosplash`` and ``soffice.bin``; killing only the wrapper leaves the worker running.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from kehoach.export.outputs import Output, publish, refusals
from kehoach.export.provenance import stamp_pdf, stamp_png
from kehoach.spec.diagnostics import os_error_text

__all__ = [
    "ConversionError",
    "docx_to_pdf",
    "find_poppler_tool",
    "find_soffice",
    "pdf_to_png",
]

#: Places LibreOffice is usually installed when ``soffice`` is not on ``PATH``.
SOFFICE_CANDIDATES: tuple[str, ...] = (
    "/usr/lib/libreoffice/program/soffice",
    "/usr/lib64/libreoffice/program/soffice",
    "/opt/libreoffice*/program/soffice",
    "/usr/local/lib/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:/Program Files/LibreOffice/program/soffice.exe",
    "C:/Program Files (x86)/LibreOffice/program/soffice.exe",
)

#: Extra places for poppler tools (Homebrew) when they are not on ``PATH``.
POPPLER_DIRS: tuple[str, ...] = ("/opt/homebrew/bin", "/usr/local/bin", "/usr/bin")

#: Environment variable naming an explicit soffice executable (checked first).
SOFFICE_ENV = "KEHOACH_SOFFICE"

_INSTALL_LIBREOFFICE = (
    "Cài đặt: sudo apt-get install libreoffice-writer-nogui fonts-liberation2 "
    "(Debian/Ubuntu) hoặc tải tại https://www.libreoffice.org, rồi chạy lại."
)
_INSTALL_POPPLER = (
    "Cài đặt: sudo apt-get install poppler-utils (Debian/Ubuntu) "
    "hoặc brew install poppler (macOS), rồi chạy lại."
)
_TOOL_PURPOSE = {
    "pdftoppm": "để xuất ảnh PNG từ PDF",
    "pdftotext": "để đọc bố cục trang PDF",
    "pdfinfo": "để đọc thông tin tệp PDF",
}
# stderr noise that says nothing about the conversion itself.
_NOISE = re.compile(r"javaldx|^\s*$")


class ConversionError(Exception):
    """A PDF/PNG export failed or a required program is missing.

    ``str(err)`` is a complete Vietnamese message for the end user; ``stderr`` keeps the
    tail of the external program's error output (empty when not applicable).
    """

    def __init__(self, message: str, *, stderr: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.stderr = stderr

    def __str__(self) -> str:
        return self.message


# --------------------------------------------------------------------------- discovery


def _is_executable(path: str | os.PathLike[str]) -> bool:
    return os.path.isfile(path) and os.access(path, os.X_OK)


def find_soffice() -> str | None:
    """Path of the LibreOffice ``soffice`` executable, or None when not installed.

    Order: ``$KEHOACH_SOFFICE``, ``soffice`` / ``libreoffice`` on ``PATH``, then the usual
    install locations (Linux packages, /opt tarball installs, macOS app, Windows).
    """
    explicit = os.environ.get(SOFFICE_ENV)
    if explicit and _is_executable(explicit):
        return explicit
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for pattern in SOFFICE_CANDIDATES:
        # Newest /opt/libreofficeX.Y first.
        for candidate in sorted(glob.glob(pattern), reverse=True):
            if _is_executable(candidate):
                return candidate
    return None


def find_poppler_tool(name: str) -> str | None:
    """Path of a poppler-utils program (``pdftoppm``, ``pdftotext``, ``pdfinfo``) or None."""
    found = shutil.which(name)
    if found:
        return found
    for directory in POPPLER_DIRS:
        candidate = os.path.join(directory, name)
        if _is_executable(candidate):
            return candidate
    return None


def missing_libreoffice_error() -> ConversionError:
    return ConversionError(f"Không tìm thấy LibreOffice để xuất PDF. {_INSTALL_LIBREOFFICE}")


def missing_poppler_error(tool: str) -> ConversionError:
    purpose = _TOOL_PURPOSE.get(tool, "để xử lý tệp PDF")
    return ConversionError(
        f"Không tìm thấy chương trình {tool} (gói poppler-utils) {purpose}. {_INSTALL_POPPLER}"
    )


def require_poppler_tool(name: str) -> str:
    """Like :func:`find_poppler_tool` but raises :class:`ConversionError` when missing."""
    found = find_poppler_tool(name)
    if found is None:
        raise missing_poppler_error(name)
    return found


# --------------------------------------------------------------------------- helpers


def _stderr_tail(raw: bytes | str | None, max_lines: int = 15, max_chars: int = 2000) -> str:
    if not raw:
        return ""
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    lines = [ln.rstrip() for ln in text.splitlines() if not _NOISE.search(ln)]
    tail = "\n".join(lines[-max_lines:])
    return tail[-max_chars:]


def _with_tail(message: str, tail: str, program: str = "LibreOffice") -> str:
    if tail:
        return f"{message}\nThông báo cuối của {program}:\n{tail}"
    return f"{message} ({program} không ghi thông báo lỗi nào.)"


def _is_complete_pdf(path: Path) -> bool:
    try:
        size = path.stat().st_size
        if size < 64:
            return False
        with path.open("rb") as fh:
            head = fh.read(5)
            fh.seek(max(0, size - 1024))
            tail = fh.read()
    except OSError:
        return False
    return head == b"%PDF-" and b"%%EOF" in tail


def _check_docx(path: Path) -> None:
    if not path.is_file():
        raise ConversionError(f"Không tìm thấy tệp cần xuất PDF: {path}")
    if path.suffix.lower() != ".docx":
        raise ConversionError(f"Chỉ xuất PDF được từ tệp .docx, không nhận tệp: {path}")
    try:
        with zipfile.ZipFile(path) as zf:
            ok = "word/document.xml" in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        ok = False
    if not ok:
        raise ConversionError(
            f"Tệp {path} không phải tệp Word .docx hợp lệ (hỏng hoặc sai định dạng)."
        )


def _child_env(private_dir: Path) -> dict[str, str]:
    env = dict(os.environ)
    home = env.get("HOME")
    # LibreOffice creates $HOME/.config even with a private profile and XDG_CONFIG_HOME set,
    # and fontconfig writes its cache below $HOME: both go to the private folder. Fonts the
    # user installed in ~/.local/share/fonts are still found through XDG_DATA_HOME.
    if home and os.path.isdir(os.path.join(home, ".local", "share")) and "XDG_DATA_HOME" not in env:
        env["XDG_DATA_HOME"] = os.path.join(home, ".local", "share")
    env["HOME"] = str(private_dir)
    env["XDG_CONFIG_HOME"] = str(private_dir / "config")
    env["XDG_CACHE_HOME"] = str(private_dir / "cache")
    if home:
        _keep_user_fonts(Path(home), private_dir)
    # soffice's own temporary files ("lu….tmp") too: killed on Ctrl-C, it cannot remove them.
    temp = private_dir / "tmp"
    temp.mkdir(parents=True, exist_ok=True)
    env["TMPDIR"] = env["TMP"] = env["TEMP"] = str(temp)
    return env


def _keep_user_fonts(home: Path, private_dir: Path) -> None:
    """Fonts the user installed in the older ~/.fonts, and their own fontconfig settings
    (~/.config/fontconfig: extra font folders, substitutions), seen from the private HOME
    through links: fontconfig only reads them, and without them a PDF would set the plan in
    a substitute font."""
    for own, seen in (
        (home / ".fonts", private_dir / ".fonts"),
        (home / ".config" / "fontconfig", private_dir / "config" / "fontconfig"),
    ):
        if own.is_dir() and not os.path.lexists(seen):
            seen.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(OSError):  # no links here (some Windows set-ups)
                seen.symlink_to(own, target_is_directory=True)


def _kill_tree(proc: subprocess.Popen[bytes]) -> None:
    try:
        if os.name == "posix":
            os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
    except (ProcessLookupError, PermissionError):
        pass


def _run(
    cmd: Sequence[str], *, timeout: float, cwd: Path, env: dict[str, str] | None = None
) -> tuple[int | None, bytes]:
    """Run ``cmd`` in its own process group; return (exit code or None on timeout, stderr)."""
    try:
        proc = subprocess.Popen(
            list(cmd),
            cwd=cwd,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            start_new_session=(os.name == "posix"),
        )
    except OSError as exc:
        raise ConversionError(
            f"Không chạy được chương trình {cmd[0]}: {os_error_text(exc)}"
        ) from exc
    try:
        _, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _kill_tree(proc)
        try:
            _, err = proc.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            err = b""
        return None, err or b""
    except BaseException:
        _kill_tree(proc)  # Ctrl-C: no orphaned soffice.bin keeps running
        raise
    return proc.returncode, err or b""


def _names(paths: Sequence[Path]) -> str:
    return ", ".join(p.name for p in paths)


# --------------------------------------------------------------------------- docx -> pdf


def default_timeout(n_files: int) -> float:
    """Generous wall-clock limit for converting ``n_files`` documents in one process."""
    return 120.0 + 30.0 * n_files


def docx_to_pdf(
    docx_paths: Sequence[Path | str],
    out_dir: Path | str,
    *,
    timeout: float | None = None,
    soffice: str | None = None,
    force: bool = False,
) -> list[Path]:
    """Convert .docx files to ``out_dir/<stem>.pdf`` with ONE headless LibreOffice run.

    Returns the PDF paths in input order. All-or-nothing: on any failure (missing
    LibreOffice, invalid input, a file LibreOffice could not convert, timeout, a PDF of the
    same name that kehoach did not make) raises :class:`ConversionError` and leaves
    ``out_dir`` as it was, apart from creating it.
    """
    inputs = [Path(p) for p in docx_paths]
    if not inputs:
        return []
    stems: dict[str, Path] = {}
    for path in inputs:
        key = os.path.normcase(path.stem + ".pdf")
        if key in stems:
            raise ConversionError(
                f"Hai tệp {stems[key]} và {path} cùng tên nên sẽ ghi đè lên nhau "
                f"trong thư mục {out_dir}; hãy đổi tên một tệp hoặc xuất riêng từng lần."
            )
        stems[key] = path
    out = Path(out_dir)
    with tempfile.TemporaryDirectory(prefix="kehoach-pdf-") as work:
        made = convert_to_pdf(inputs, Path(work), timeout=timeout, soffice=soffice)
        outputs = [
            Output(out / f"{src.stem}.pdf", src, pdf) for src, pdf in zip(inputs, made, strict=True)
        ]
        _publish(outputs, force)
    return [o.target for o in outputs]


def _publish(outputs: list[Output], force: bool) -> None:
    problems = refusals(outputs, force=force)
    if problems:
        raise ConversionError("\n".join(problems))
    try:
        publish(outputs)
    except OSError as exc:
        raise ConversionError(f"Không ghi được tệp kết quả: {os_error_text(exc)}") from exc


def convert_to_pdf(
    docx_paths: Sequence[Path],
    work_dir: Path,
    *,
    timeout: float | None = None,
    soffice: str | None = None,
) -> list[Path]:
    """Convert into ``work_dir`` (a private folder the caller owns): ``doc0000.pdf`` … in
    input order, each marked as kehoach's (``provenance``). Raises :class:`ConversionError`."""
    inputs = [Path(p) for p in docx_paths]
    for path in inputs:
        _check_docx(path)
    exe = soffice or find_soffice()
    if exe is None:
        raise missing_libreoffice_error()
    if timeout is None:
        timeout = default_timeout(len(inputs))

    work = Path(tempfile.mkdtemp(prefix="convert-", dir=work_dir)).resolve()
    profile = work / "profile"
    src_dir, pdf_dir = work / "in", work / "out"
    src_dir.mkdir()
    pdf_dir.mkdir()
    copies = []
    for i, path in enumerate(inputs):
        copy = src_dir / f"doc{i:04d}.docx"
        shutil.copyfile(path, copy)
        copies.append(copy)
    cmd = [
        exe,
        f"-env:UserInstallation={(profile / 'user').as_uri()}",
        "--headless",
        "--invisible",
        "--nologo",
        "--nodefault",
        "--norestore",
        "--nolockcheck",
        "--infilter=MS Word 2007 XML",
        "--convert-to",
        "pdf:writer_pdf_Export",
        "--outdir",
        str(pdf_dir),
        *(str(c) for c in copies),
    ]
    env = _child_env(profile)
    started = time.monotonic()
    code, err = _run(cmd, timeout=timeout, cwd=work, env=env)
    if code == 81:
        # soffice.bin (not the wrapper script) exits 81 after creating a fresh profile
        # and must be started again; the ``soffice`` wrapper does this by itself.
        remaining = max(1.0, timeout - (time.monotonic() - started))
        code, err = _run(cmd, timeout=remaining, cwd=work, env=env)
    tail = _stderr_tail(err)
    if code is None:
        raise ConversionError(
            _with_tail(
                f"LibreOffice không xuất xong PDF sau {timeout:g} giây nên đã bị dừng "
                f"(tệp: {_names(inputs)}). Tài liệu có thể quá lớn hoặc LibreOffice bị treo; "
                f"hãy chạy lại hoặc xuất từng tệp một.",
                tail,
            ),
            stderr=tail,
        )
    produced = [pdf_dir / (c.stem + ".pdf") for c in copies]
    failed = [src for src, pdf in zip(inputs, produced, strict=True) if not _is_complete_pdf(pdf)]
    if failed:
        raise ConversionError(
            _with_tail(
                f"LibreOffice không xuất được PDF cho {len(failed)}/{len(inputs)} tệp: "
                f"{_names(failed)} (mã thoát {code}).",
                tail,
            ),
            stderr=tail,
        )
    for pdf in produced:
        pdf.write_bytes(stamp_pdf(pdf.read_bytes()))
    return produced


# --------------------------------------------------------------------------- pdf -> png

_PAGE_FILE = re.compile(r"^page-(\d+)\.png$")


def pdf_to_png(
    pdf: Path | str,
    out_dir: Path | str,
    dpi: int = 110,
    *,
    timeout: float = 300.0,
    force: bool = False,
) -> list[Path]:
    """Render every page of ``pdf`` to ``out_dir/<stem>-1.png``, ``<stem>-2.png``, ...

    Page numbers are never zero-padded (pdftoppm pads them to the width of the page count;
    we rename). Nothing else in ``out_dir`` is touched: pages of an earlier, longer render
    stay, and an image of the same name that kehoach did not make stops the export
    (:class:`ConversionError`) before any page is written.
    """
    src = Path(pdf)
    with tempfile.TemporaryDirectory(prefix="kehoach-png-") as work:
        pages = render_png_pages(src, Path(work), dpi, timeout=timeout)
        outputs = [
            Output(Path(out_dir) / f"{src.stem}-{n}.png", src, page)
            for n, page in enumerate(pages, start=1)
        ]
        _publish(outputs, force)
    return [o.target for o in outputs]


def render_png_pages(
    pdf: Path, work_dir: Path, dpi: int = 110, *, timeout: float = 300.0
) -> list[Path]:
    """Pages of ``pdf`` as PNG files in a new folder inside ``work_dir`` (private to the
    caller), in page order, each marked as kehoach's. Raises :class:`ConversionError`."""
    if not pdf.is_file():
        raise ConversionError(f"Không tìm thấy tệp PDF cần xuất ảnh: {pdf}")
    if dpi <= 0:
        raise ValueError(f"dpi must be positive, got {dpi}")
    exe = require_poppler_tool("pdftoppm")
    work = Path(tempfile.mkdtemp(prefix="png-", dir=work_dir)).resolve()
    cmd = [exe, "-r", str(dpi), "-png", str(pdf.resolve()), str(work / "page")]
    code, err = _run(cmd, timeout=timeout, cwd=work)
    tail = _stderr_tail(err)
    if code is None:
        raise ConversionError(
            _with_tail(
                f"pdftoppm không xuất xong ảnh sau {timeout:g} giây: {pdf}", tail, "pdftoppm"
            ),
            stderr=tail,
        )
    pages = sorted(
        (int(m.group(1)), work / name) for name in os.listdir(work) if (m := _PAGE_FILE.match(name))
    )
    if code != 0 or not pages:
        raise ConversionError(
            _with_tail(
                f"pdftoppm không xuất được ảnh từ {pdf} (mã thoát {code}).", tail, "pdftoppm"
            ),
            stderr=tail,
        )
    for _, path in pages:
        path.write_bytes(stamp_png(path.read_bytes()))
    return [path for _, path in pages]
