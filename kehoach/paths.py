"""Where a path really leads, with as few looks at the disk as a batch of thousands needs.

``Path.resolve`` looks at every folder of the path, for every file; a batch's files share a
few folders, so each folder is resolved once (per batch: ``forget_folders``) and each file
costs one look, to see whether it is a symbolic link itself.
"""

from __future__ import annotations

import errno
from functools import lru_cache
from pathlib import Path


class LinkLoop(Exception):
    """A symbolic link that leads back to itself."""


@lru_cache(maxsize=256)
def _real_folder(folder: Path) -> Path:
    return folder.resolve()


def real_path(path: Path) -> Path:
    """``path.resolve()``; ``LinkLoop`` for a path that goes round a loop of links."""
    try:
        if path.is_symlink() or not path.name or path.name == "..":
            return path.resolve()
        return _real_folder(path.parent) / path.name
    except RuntimeError as exc:  # how Python < 3.13 says a loop
        raise LinkLoop(str(path)) from exc
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise LinkLoop(str(path)) from exc
        return path.absolute()  # a folder that cannot be looked into: reading or writing says so


def forget_folders() -> None:
    """Resolve folders afresh: links may have changed since the last batch."""
    _real_folder.cache_clear()
