"""Writing results never costs the user a file (issue 11: data loss) and honours the umask
(issue 6): outputs are checked before any is written, and only kehoach's own files are
ever replaced."""

from __future__ import annotations

import os
import shutil
import stat
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from pdf_support import require_libreoffice
from test_cli import invoke

from kehoach.export.outputs import write_atomic
from kehoach.export.provenance import made_by_kehoach, stamp_pdf, stamp_png

EXAMPLE = ROOT / "examples" / "phu-phong-2024.yaml"
USER_FILES = {
    "ke-hoach.pdf": b"%PDF-1.4 a signed scan",
    "ke-hoach-2.png": b"photo 2",
    "ke-hoach-7.png": b"photo 7",
}


def _folder_with_user_files(tmp_path: Path) -> Path:
    folder = tmp_path / "ho-so"
    folder.mkdir()
    shutil.copy(EXAMPLE, folder / "ke-hoach.yaml")
    for name, data in USER_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def _untouched(folder: Path, files: dict[str, bytes] = USER_FILES) -> None:
    for name, data in files.items():
        assert (folder / name).read_bytes() == data, name


@pytest.mark.libreoffice
def test_png_export_leaves_every_preexisting_file_untouched(tmp_path: Path) -> None:
    require_libreoffice()
    folder = _folder_with_user_files(tmp_path)
    result = invoke("render", str(folder / "ke-hoach.yaml"), "--png")
    # ke-hoach-2.png would be page 2: the clerk's photo stops the run before any write.
    assert result.exit_code == 2, result.output
    assert "ke-hoach-2.png" in result.output and "không ghi tệp nào" in result.output
    _untouched(folder)
    assert sorted(p.name for p in folder.iterdir()) == sorted([*USER_FILES, "ke-hoach.yaml"])

    (folder / "ke-hoach-2.png").rename(folder / "anh-2.png")
    remaining = {n: d for n, d in USER_FILES.items() if n != "ke-hoach-2.png"}
    result = invoke("render", str(folder / "ke-hoach.yaml"), "--png")
    assert result.exit_code == 0, result.output
    _untouched(folder, remaining)  # the scan is not the PNG step's PDF; page 7 is not ours
    pages = sorted(p.name for p in folder.glob("ke-hoach-[0-9].png"))
    assert "ke-hoach-7.png" in pages and len(pages) >= 3
    assert all(made_by_kehoach(folder / n) for n in pages if n != "ke-hoach-7.png")
    assert not [p for p in folder.iterdir() if p.name.startswith(".")]


@pytest.mark.libreoffice
def test_pdf_export_never_replaces_a_pdf_kehoach_did_not_make(tmp_path: Path) -> None:
    require_libreoffice()
    folder = _folder_with_user_files(tmp_path)
    result = invoke("render", str(folder / "ke-hoach.yaml"), "--pdf")
    assert result.exit_code == 2
    assert "ke-hoach.pdf" in result.output and "--force" in result.output
    _untouched(folder)
    assert not (folder / "ke-hoach.docx").exists()  # all or nothing
    other = tmp_path / "khac"
    assert invoke("render", str(folder / "ke-hoach.yaml"), "--pdf", "-o", str(other)).exit_code == 0
    assert made_by_kehoach(other / "ke-hoach.pdf")
    # Its own PDF from the run before is replaced without --force.
    assert invoke("render", str(folder / "ke-hoach.yaml"), "--pdf", "-o", str(other)).exit_code == 0


def test_marks_are_recognised_and_foreign_files_are_not(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + bytes(13) + b"\x00\x00\x00\x00"
    (tmp_path / "a.png").write_bytes(stamp_png(png))
    (tmp_path / "b.png").write_bytes(png)
    assert made_by_kehoach(tmp_path / "a.png") and not made_by_kehoach(tmp_path / "b.png")
    pdf = (
        b"%PDF-1.4\n1 0 obj\n<</Type/Catalog>>\nendobj\n2 0 obj\n<</Producer(x)/Creator(y)>>\n"
        b"endobj\nxref\n0 3\n0000000000 65535 f \n0000000009 00000 n \n0000000045 00000 n \n"
        b"trailer\n<</Size 3/Root 1 0 R/Info 2 0 R>>\nstartxref\n88\n%%EOF\n"
    )
    stamped = stamp_pdf(pdf)
    assert stamped.startswith(pdf) and b"/Producer(x)" in stamped[len(pdf) :]
    assert b"/Creator(y)" not in stamped[len(pdf) :] and b"/Prev 88" in stamped
    (tmp_path / "a.pdf").write_bytes(stamped)
    (tmp_path / "b.pdf").write_bytes(pdf)
    assert made_by_kehoach(tmp_path / "a.pdf") and not made_by_kehoach(tmp_path / "b.pdf")
    (tmp_path / "c.docx").write_bytes(b"PK not really")
    assert not made_by_kehoach(tmp_path / "c.docx")


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_new_files_follow_the_umask_and_replaced_files_keep_their_mode(tmp_path: Path) -> None:
    """Issue 11: the rename replaced a file's mode; a new file follows the umask."""
    target = tmp_path / "kh.docx"
    old = os.umask(0o022)
    try:
        write_atomic(target, b"one")
        assert target.stat().st_mode & 0o777 == 0o644
        target.chmod(0o600)
        write_atomic(target, b"two")
        assert target.stat().st_mode & 0o777 == 0o600 and target.read_bytes() == b"two"
        assert invoke("render", str(EXAMPLE), "-o", str(tmp_path)).exit_code == 0
        assert (tmp_path / "phu-phong-2024.docx").stat().st_mode & 0o777 == 0o644
        os.umask(0o077)
        write_atomic(tmp_path / "moi.docx", b"three")
        assert (tmp_path / "moi.docx").stat().st_mode & 0o777 == 0o600
    finally:
        os.umask(old)


@pytest.mark.skipif(os.name != "posix", reason="hard links are POSIX here")
def test_a_hard_linked_output_is_rewritten_in_place(tmp_path: Path) -> None:
    """Issue 11: the rename broke hard links; every name now shows the new content."""
    target = tmp_path / "kh.docx"
    write_atomic(target, b"one")
    other = tmp_path / "ban-sao.docx"
    os.link(target, other)
    write_atomic(target, b"two")
    assert other.read_bytes() == b"two" and target.stat().st_nlink == 2
    assert not list(tmp_path.glob(".*kehoach-tmp"))


def test_a_symlink_loop_as_output_is_refused(tmp_path: Path) -> None:
    """Issue 11: -o into a symlink loop was a traceback."""
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    for out in ("a", "a/kh.docx"):
        result = invoke("render", str(EXAMPLE), "-o", str(tmp_path / out))
        assert result.exit_code == 2 and "vòng quanh" in result.output
        assert "Traceback" not in result.output


@pytest.mark.parametrize("command", ["render", "validate"])
def test_a_spec_that_is_a_symlink_loop_is_refused_at_the_file(tmp_path: Path, command: str) -> None:
    """A spec named on the command line that is a link to itself was a traceback (exit 1)
    while the batch looked for plans named twice; now its reading says what is wrong."""
    loop = tmp_path / "vong.yaml"
    loop.symlink_to(loop)
    good = tmp_path / "tot.yaml"
    good.write_bytes(EXAMPLE.read_bytes())
    out = ["-o", str(tmp_path / "ra")] if command == "render" else []
    result = invoke(command, str(loop), str(good), *out)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert f"{loop}: lỗi: không đọc được tệp" in result.output and "vòng quanh" in result.output
    assert not (tmp_path / "ra").exists()  # one plan failed: nothing is written


def test_outputs_in_one_folder_look_at_it_once(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """A batch's refusal checks look at each output folder once, not once per plan."""
    from kehoach.export import outputs

    looked: list[Path] = []
    real = outputs._folder_problem
    monkeypatch.setattr(outputs, "_folder_problem", lambda p: looked.append(p) or real(p))
    many = [outputs.Output(tmp_path / "ra" / f"kh-{i}.docx", None, b"") for i in range(50)]
    assert outputs.refusals(many) == []
    assert looked == [tmp_path / "ra"]


def test_real_path_tells_a_loop_from_a_folder_it_cannot_enter(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Only a loop of links is said as one; a folder that cannot be looked into leaves the
    path as written (writing it then says why), not a wrong "vòng quanh"."""
    import errno

    from kehoach import paths

    loop = tmp_path / "vong"
    loop.symlink_to(loop)
    with pytest.raises(paths.LinkLoop):
        paths.real_path(loop / "kh.docx")

    def denied(self: Path) -> bool:
        raise PermissionError(errno.EACCES, "Permission denied", str(self))

    monkeypatch.setattr(Path, "is_symlink", denied)
    assert paths.real_path(tmp_path / "kin" / "kh.docx") == tmp_path / "kin" / "kh.docx"


def test_broken_links_in_a_spec_folder_are_said_not_skipped(tmp_path: Path) -> None:
    """A .yaml link in a folder that leads nowhere, or round a loop, was skipped in silence:
    the batch then reported success without that plan. Each is now an error at its file."""
    specs = tmp_path / "ho-so"
    specs.mkdir()
    (specs / "tot.yaml").write_bytes(EXAMPLE.read_bytes())
    (specs / "vong.yaml").symlink_to(specs / "vong.yaml")
    (specs / "mat.yaml").symlink_to(tmp_path / "khong-co.yaml")
    result = invoke("render", str(specs), "-o", str(tmp_path / "ra"))
    assert result.exit_code == 2, result.output
    assert f"{specs / 'vong.yaml'}: lỗi: không đọc được tệp" in result.output
    assert f"{specs / 'mat.yaml'}: lỗi: không tìm thấy tệp" in result.output
    assert "3 tệp, 2 lỗi" in result.output and not (tmp_path / "ra").exists()


def test_without_posix_sync_each_staged_file_is_flushed(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Windows has no os.sync: a batch renamed its documents without flushing them, so a
    power cut could leave an empty .docx. There each staged file is now fsynced first."""
    monkeypatch.delattr(os, "sync", raising=False)
    monkeypatch.setattr(sys, "platform", "win32")
    flushed: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):  # a document, not a folder
            flushed.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    specs = tmp_path / "ho-so"
    specs.mkdir()
    for name in ("a", "b", "c"):
        (specs / f"{name}.yaml").write_bytes(EXAMPLE.read_bytes())
    result = invoke("render", str(specs), "-o", str(tmp_path / "ra"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert len(flushed) == 3  # one per document
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == ["a.docx", "b.docx", "c.docx"]


def _three_plans(tmp_path: Path) -> Path:
    specs = tmp_path / "ho-so"
    specs.mkdir()
    for name in ("a", "b", "c"):
        (specs / f"{name}.yaml").write_bytes(EXAMPLE.read_bytes())
    return specs


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="syncfs là của Linux")
def test_on_linux_a_batch_waits_only_for_its_own_file_system(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """os.sync() flushed every program's pending writes: a batch started during a large copy
    to a USB disk waited for the whole copy. Linux syncs only the output's file system,
    once, before the first rename."""
    from kehoach.export import outputs

    def no_sync() -> None:
        raise AssertionError("os.sync waits for every file system")

    monkeypatch.setattr(os, "sync", no_sync)
    synced: list[int] = []
    real = outputs._syncfs()
    assert real is not None

    def syncfs(fd: int) -> int:
        synced.append(os.fstat(fd).st_dev)
        assert not list((tmp_path / "ra").glob("*.docx")), "synced after a rename"
        return real(fd)

    monkeypatch.setattr(outputs, "_syncfs", lambda: syncfs)
    specs = _three_plans(tmp_path)
    result = invoke("render", str(specs), "-o", str(tmp_path / "ra"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert synced == [os.stat(tmp_path).st_dev]  # one file system, one call
    assert sorted(p.name for p in (tmp_path / "ra").iterdir()) == ["a.docx", "b.docx", "c.docx"]


def test_where_syncfs_fails_everything_is_synced(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from kehoach.export import outputs

    calls: list[str] = []
    monkeypatch.setattr(sys, "platform", "linux")
    monkeypatch.setattr(outputs, "_syncfs", lambda: lambda fd: calls.append("syncfs") or -1)
    monkeypatch.setattr(os, "sync", lambda: calls.append("sync"), raising=False)
    specs = _three_plans(tmp_path)
    result = invoke("render", str(specs), "-o", str(tmp_path / "ra"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert calls == ["syncfs", "sync"]


def test_on_macos_each_file_is_fsynced(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """macOS's sync returns before the data is on disk, so it proves nothing there."""
    monkeypatch.setattr(sys, "platform", "darwin")

    def no_sync() -> None:
        raise AssertionError("sync does not wait on macOS")

    monkeypatch.setattr(os, "sync", no_sync, raising=False)
    flushed: list[int] = []
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        if stat.S_ISREG(os.fstat(fd).st_mode):
            flushed.append(fd)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    result = invoke("render", str(_three_plans(tmp_path)), "-o", str(tmp_path / "ra"), "-j", "1")
    assert result.exit_code == 0, result.output
    assert len(flushed) == 3
