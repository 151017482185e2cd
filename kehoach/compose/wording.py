"""Wording from Jinja templates: the sentences an office may want to phrase its own way.

Templates run in Jinja's immutable sandbox with StrictUndefined: a template can shape text
but cannot reach into Python, and a misspelt variable is an error, not a silent blank.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_NAME = "ke_hoach.j2"


def builtin_template_dir() -> Path:
    """Templates inside the installed package, or the repository's templates/ in a checkout."""
    package = Path(__file__).resolve().parent.parent
    packaged = package / "templates"
    if (packaged / TEMPLATE_NAME).is_file():
        return packaged
    return package.parent / "templates"


class TemplateProblem(Exception):
    """A template could not be loaded or rendered; the message is for the user."""


class ConfinedLoader(jinja2.FileSystemLoader):
    """Jinja's file loader, but a template must really live inside its folder.

    Jinja refuses ``..`` and absolute names yet follows symbolic links, so a link inside an
    office's template folder could put any readable file (``/etc/passwd``) into a plan.
    Whatever resolves outside the folder it was found in is refused, by name.
    """

    def get_source(self, environment: jinja2.Environment, template: str) -> tuple[str, str, Any]:
        pieces = jinja2.loaders.split_template_path(template)
        for folder in self.searchpath:
            candidate = os.path.join(folder, *pieces)
            if not os.path.isfile(candidate):
                continue
            root = os.path.realpath(folder)
            if os.path.commonpath([root, os.path.realpath(candidate)]) != root:
                raise TemplateProblem(
                    f"mẫu '{template}' trong thư mục {folder} là liên kết tới một tệp nằm ngoài"
                    " thư mục mẫu; kehoach không đọc tệp đó. Sao chép nội dung mẫu vào"
                    " thư mục thay cho liên kết."
                )
            break
        return super().get_source(environment, template)


def template_environment(folders: list[Path], **options: Any) -> ImmutableSandboxedEnvironment:
    """The sandbox every template (wording, skeleton) runs in, reading only its folders."""
    return ImmutableSandboxedEnvironment(
        loader=ConfinedLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        **options,
    )


@dataclass(frozen=True)
class WordingContext:
    """What the wording macros may see of a plan."""

    ten_goi: str
    trich_yeu: str
    trich_yeu_thuong: str
    nam: int


class Wording:
    """Calls the macros of ``ke_hoach.j2``; a user directory may override the built-in one."""

    def __init__(self, template_dir: Path | None = None) -> None:
        builtin = builtin_template_dir()
        self.modules = []
        # An office template may define only the macros it rewords; the rest come built in.
        for directory in [template_dir, builtin] if template_dir is not None else [builtin]:
            self.env = template_environment([directory, builtin], keep_trailing_newline=False)
            self.modules.append(self._load())

    def _load(self) -> Any:
        try:
            return self.env.get_template(TEMPLATE_NAME).module
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(
                f"{exc.filename or TEMPLATE_NAME}:{exc.lineno}: mẫu câu chữ sai cú pháp Jinja"
                f" ({exc.message})"
            ) from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateProblem(f"không tìm thấy mẫu {exc.name}") from exc
        except UnicodeDecodeError as exc:
            raise TemplateProblem(f"mẫu {TEMPLATE_NAME} không được lưu bằng mã hóa UTF-8") from exc
        except (jinja2.TemplateError, RecursionError) as exc:
            raise TemplateProblem(f"mẫu {TEMPLATE_NAME} lỗi khi nạp: {explain(exc)}") from exc

    def __call__(self, macro: str, *args: Any) -> str:
        fn = next((getattr(m, macro) for m in self.modules if hasattr(m, macro)), None)
        if fn is None:
            raise TemplateProblem(f"mẫu {TEMPLATE_NAME} thiếu macro '{macro}'")
        try:
            return re.sub(r"[ \t\r\n]+", " ", str(fn(*args))).strip(" ")
        except (jinja2.TemplateError, RecursionError) as exc:
            raise TemplateProblem(
                f"lỗi khi dùng macro '{macro}' của {TEMPLATE_NAME}: {explain(exc)}"
            ) from exc


_JINJA_MESSAGES = [
    (r"^'([^']+)' is undefined$", r"biến '\1' không tồn tại"),
    (r"^'([^']+)' has no attribute '([^']+)'$", r"'\1' không có thuộc tính '\2'"),
    (
        r"^access to attribute '([^']+)' of '([^']+)' object is unsafe\.$",
        r"không được truy cập thuộc tính '\1' (mẫu chạy trong hộp cát)",
    ),
]


def explain(exc: BaseException) -> str:
    """Jinja's reason in Vietnamese where the pattern is known."""
    if isinstance(exc, RecursionError):
        return "macro gọi lại chính nó không dừng"
    message = str(exc).replace("kehoach.wording.WordingContext object", "kh")
    for pattern, replacement in _JINJA_MESSAGES:
        if re.match(pattern, message):
            return re.sub(pattern, replacement, message)
    return message
