"""What the user named on the command line, as spec files: files, folders and glob patterns.

Folders give every ``*.yaml``/``*.yml`` inside, recursively, in a stable order (hidden files
and folders are skipped); patterns are expanded by kehoach too, so a quoted ``'specs/*.yaml'``
(as scripts and Windows shells pass it) works like an unquoted one. Each spec remembers the
folder it was found under, so a batch keeps its sub-folders in the output folder.
"""

from __future__ import annotations

import glob
from dataclasses import dataclass
from pathlib import Path

from kehoach.paths import LinkLoop, forget_folders, real_path

SPEC_SUFFIXES = (".yaml", ".yml")
_GLOB_CHARS = set("*?[")


@dataclass(frozen=True)
class SpecInput:
    path: Path  # as the user can recognise it (relative when they gave it relative)
    base: Path | None = None  # the folder argument it was found under, if any

    def target(self, output: Path | None, suffix: str = ".docx") -> Path:
        """Where its document goes: beside it, or in ``output`` (keeping sub-folders)."""
        if output is None:
            return self.path.with_suffix(suffix)
        if self.base is not None:
            return (output / self.path.relative_to(self.base)).with_suffix(suffix)
        return output / f"{self.path.stem}{suffix}"


def _spec_like(path: Path) -> bool:
    """A file to read: a regular file, or a link that leads nowhere or round a loop (kept, so
    that reading it says what is wrong instead of the plan going missing in silence)."""
    return path.is_file() or (path.is_symlink() and not path.is_dir())


def _folder_specs(folder: Path) -> list[SpecInput]:
    found = []
    for path in folder.rglob("*"):
        relative = path.relative_to(folder)
        if any(part.startswith(".") for part in relative.parts):
            continue
        if path.suffix.lower() in SPEC_SUFFIXES and _spec_like(path):
            found.append(SpecInput(path, folder))
    return sorted(found, key=lambda s: [p.casefold() for p in s.path.relative_to(folder).parts])


def expand(arguments: list[Path]) -> tuple[list[SpecInput], list[str]]:
    """The specs named by ``arguments`` (each once, in the order given) and, in Vietnamese,
    every argument that named none."""
    specs: list[SpecInput] = []
    problems: list[str] = []
    seen: set[Path] = set()
    forget_folders()

    def add(spec: SpecInput) -> None:
        try:
            key = real_path(spec.path)
        except LinkLoop:  # kept: reading it says what is wrong, at the file
            key = spec.path.absolute()
        if key not in seen:
            seen.add(key)
            specs.append(spec)

    for argument in arguments:
        text = str(argument)
        if argument.is_dir():
            inside = _folder_specs(argument)
            if not inside:
                problems.append(f"{argument}: thư mục không có tệp .yaml nào")
            for spec in inside:
                add(spec)
        elif not argument.exists() and _GLOB_CHARS & set(text):
            matches = sorted(glob.glob(text, recursive=True), key=str.casefold)
            files = [Path(m) for m in matches if Path(m).suffix.lower() in SPEC_SUFFIXES]
            if not files:
                problems.append(f"{argument}: không có tệp .yaml nào khớp mẫu này")
            for match in files:
                if match.is_dir():
                    for spec in _folder_specs(match):
                        add(spec)
                else:
                    add(SpecInput(match))
        else:
            # A file, or a path that does not exist: loading it reports why, with its name.
            add(SpecInput(argument))
    return specs, problems
