"""Putting results on disk: all checked before any is written, each written atomically.

Three promises to the clerk whose folder we write into:

* nothing is half-written: every file is written beside its target, flushed to disk and
  renamed over it (a file with other hard links is rewritten in place, so the links stay);
* nothing of theirs is lost: an existing file is replaced only when kehoach made it
  (``provenance``) or the user said ``--force``; nothing is ever deleted;
* files are shared like any other: a new file's mode follows the umask (0644 under umask
  022); a file that is replaced keeps its mode and, where the system allows, its owner.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from kehoach.export.provenance import made_by_kehoach
from kehoach.paths import LinkLoop, forget_folders, real_path


def _umask() -> int:
    # The only portable way to read the umask is to set it; set it straight back.
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def stage(path: Path, data: bytes, *, sync: bool = True) -> Path:
    """Write ``data`` beside ``path`` under a hidden temporary name, ready to ``commit``; the
    file's mode follows the umask. Nothing of the user's is touched. ``sync``: flushed to
    disk now; a batch passes False and calls ``flush_to_disk`` once before its renames."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".kehoach-tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            if hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), 0o666 & ~_umask())
            handle.write(data)
            handle.flush()
            if sync:
                os.fsync(handle.fileno())  # on disk before the rename makes it the file
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def commit(staged: Path, path: Path, *, sync: bool = True) -> None:
    """Move a staged file onto ``path`` in one rename: a reader sees the old file or the new.
    The replaced file's mode and owner carry over; a file with other hard links is
    rewritten in place instead, so every name still shows the new content."""
    try:
        try:
            old = path.stat()
        except FileNotFoundError:
            old = None
        if old is not None and stat.S_ISREG(old.st_mode) and old.st_nlink > 1:
            _rewrite_in_place(staged, path)
            return
        if old is not None and stat.S_ISREG(old.st_mode):
            _carry_over(staged, old)
        os.replace(staged, path)
        if sync:
            sync_folders([path])
    except BaseException:
        discard(staged)
        raise


def _carry_over(staged: Path, old: os.stat_result) -> None:
    os.chmod(staged, stat.S_IMODE(old.st_mode))
    if hasattr(os, "chown") and (old.st_uid, old.st_gid) != _owner(staged):
        # Only root may give a file away; otherwise the new file stays the user's.
        with contextlib.suppress(OSError):
            os.chown(staged, old.st_uid, old.st_gid)


def _owner(path: Path) -> tuple[int, int]:
    info = path.stat()
    return info.st_uid, info.st_gid


def _rewrite_in_place(staged: Path, path: Path) -> None:
    with path.open("r+b") as handle:
        handle.truncate(0)
        handle.write(staged.read_bytes())
        handle.flush()
        os.fsync(handle.fileno())
    discard(staged)


def flush_to_disk(staged: Iterable[Path]) -> None:
    """Every staged file on disk before the first rename, in as few waits as the system has:

    * Linux: ``syncfs`` once per file system the files are on. It waits like ``sync`` but
      only for that file system, so a batch does not also wait for every other program's
      pending writes (a large copy to a USB disk, say);
    * other POSIX systems: ``sync``, far cheaper than an fsync each;
    * Windows (no ``sync``) and macOS (whose ``sync`` returns before the data is written):
      each file fsynced."""
    staged = list(staged)
    if sys.platform.startswith("linux") and _sync_file_systems(staged):
        return
    if hasattr(os, "sync") and sys.platform != "darwin":
        os.sync()
        return
    for path in staged:
        try:
            fd = os.open(path, os.O_RDWR | getattr(os, "O_BINARY", 0))
        except OSError:
            continue  # the rename will say what is wrong with it
        try:
            with contextlib.suppress(OSError):
                os.fsync(fd)
        finally:
            os.close(fd)


def _sync_file_systems(staged: list[Path]) -> bool:
    """Linux ``syncfs`` on the file system of each staged file's folder, once each; False
    when it cannot be called or fails (the caller then syncs everything)."""
    syncfs = _syncfs()
    if syncfs is None:
        return False
    done: set[int] = set()
    for folder in {path.parent for path in staged}:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue  # the rename will say what is wrong with it
        try:
            device = os.fstat(fd).st_dev
            if device not in done:
                if syncfs(fd) != 0:
                    return False
                done.add(device)
        finally:
            os.close(fd)
    return True


@lru_cache(maxsize=1)
def _syncfs() -> Callable[[int], int] | None:
    """libc's ``syncfs`` (Linux 2.6.39+, glibc 2.14+), which Python does not wrap."""
    import ctypes

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int
    return function  # type: ignore[no-any-return]


def sync_folders(paths: Iterable[Path]) -> None:
    """Make renames durable (POSIX: fsync each folder once); best effort elsewhere. A batch
    commits without syncing and calls this once for all its folders."""
    if os.name != "posix":
        return
    for folder in {path.parent for path in paths}:
        try:
            fd = os.open(folder, os.O_RDONLY)
        except OSError:
            continue
        try:
            with contextlib.suppress(OSError):
                os.fsync(fd)
        finally:
            os.close(fd)


def discard(staged: Path) -> None:
    staged.unlink(missing_ok=True)


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename,
    so no reader ever sees a half-written file; the new file's mode follows the umask."""
    commit(stage(path, data), path)


@dataclass(frozen=True)
class Output:
    """One file a command will write: its target, what it is made from, and its content
    (bytes, or a finished file in a private temporary folder)."""

    target: Path
    source: Path | None
    content: bytes | Path

    def data(self) -> bytes:
        return self.content if isinstance(self.content, bytes) else self.content.read_bytes()


def refusals(outputs: Iterable[Output], *, force: bool = False) -> list[str]:
    """Why each output could not be written, found before the first one is (Vietnamese).
    A batch's outputs share a few folders: each folder is looked at once."""
    forget_folders()
    problems = []
    claimed: dict[Path, Output] = {}
    folders: dict[Path, tuple[Path, str | None]] = {}
    for output in outputs:
        target = output.target
        try:
            key = real_path(target)
        except LinkLoop:
            problems.append(
                f"{target}: đường dẫn đi qua một liên kết tượng trưng (symlink) vòng quanh,"
                " không ghi được; chọn thư mục khác (-o)"
            )
            continue
        try:
            source = real_path(output.source) if output.source is not None else None
        except LinkLoop:
            source = None  # reading it says so, at the spec
        # Windows and macOS folders do not tell KH.docx from kh.docx: neither may we.
        earlier = claimed.get(Path(str(key).casefold()))
        if earlier is not None:
            first = earlier.source or earlier.target
            problems.append(
                f"{first} và {output.source or target} cùng ghi ra {target};"
                " đổi tên một tệp hoặc xuất ra thư mục khác (-o)"
            )
            continue
        claimed[Path(str(key).casefold())] = output
        if source is not None and key == source:
            problems.append(f"{target}: tệp kết quả sẽ ghi đè lên chính tệp đầu vào; đổi tên tệp")
            continue
        there = _look(target)
        if there == "folder":
            problems.append(f"{target}: đã có một thư mục trùng tên tệp cần ghi")
            continue
        if there == "file" and not force and not made_by_kehoach(target):
            problems.append(
                f"{target}: đã có tệp này và tệp không do kehoach tạo nên không ghi đè;"
                " đổi tên hoặc chuyển tệp đó đi, xuất ra thư mục khác (-o), hoặc dùng --force"
            )
            continue
        if target.parent not in folders:
            folders[target.parent] = _folder_problem(target.parent)
        folder, problem = folders[target.parent]
        if problem == "not a folder":
            problems.append(f"{folder}: không phải thư mục, không ghi được {target}")
        elif problem == "read-only":
            problems.append(f"{folder}: không có quyền ghi vào thư mục này")
    return problems


def _look(path: Path) -> str | None:
    """ "folder", "file" (anything else that is there) or None (nothing), as the path is
    followed; one look at the disk unless it is a symbolic link."""
    try:
        info = path.lstat()
    except OSError:
        return None
    if stat.S_ISLNK(info.st_mode):
        if _is_dir(path):
            return "folder"
        return "file" if _exists(path) else None
    return "folder" if stat.S_ISDIR(info.st_mode) else "file"


def _folder_problem(parent: Path) -> tuple[Path, str | None]:
    """The nearest existing folder above a target, and why nothing can be written there."""
    folder = parent
    while not _exists(folder) and folder != folder.parent:
        folder = folder.parent
    if not _is_dir(folder):
        return folder, "not a folder"
    if not os.access(folder, os.W_OK):
        return folder, "read-only"
    return folder, None


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:
        return False


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:
        return False


def publish(outputs: Iterable[Output]) -> list[Path]:
    """Write every output atomically, in order; returns the targets written."""
    written = []
    for output in outputs:
        write_atomic(output.target, output.data())
        written.append(output.target)
    return written
