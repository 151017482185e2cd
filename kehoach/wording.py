"""Wording from Jinja templates: the sentences an office may want to phrase its own way.

Templates run in Jinja's immutable sandbox with StrictUndefined: a template can shape text
but cannot reach into Python, and a misspelt variable is an error, not a silent blank.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_NAME = "ke_hoach.j2"


def builtin_template_dir() -> Path:
    """Templates inside the installed package, or the repository's templates/ in a checkout."""
    packaged = Path(__file__).resolve().parent / "templates"
    if (packaged / TEMPLATE_NAME).is_file():
        return packaged
    return Path(__file__).resolve().parent.parent / "templates"


class TemplateProblem(Exception):
    """A template could not be loaded or rendered; the message is for the user."""


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
        loaders: list[jinja2.BaseLoader] = []
        if template_dir is not None:
            loaders.append(jinja2.FileSystemLoader(str(template_dir)))
        loaders.append(jinja2.FileSystemLoader(str(builtin_template_dir())))
        self.env = ImmutableSandboxedEnvironment(
            loader=jinja2.ChoiceLoader(loaders),
            undefined=jinja2.StrictUndefined,
            autoescape=False,
            keep_trailing_newline=False,
        )
        try:
            self.module = self.env.get_template(TEMPLATE_NAME).module
        except jinja2.TemplateSyntaxError as exc:
            raise TemplateProblem(
                f"{exc.filename or TEMPLATE_NAME}:{exc.lineno}: mẫu câu chữ sai cú pháp Jinja ({exc.message})"
            ) from exc
        except jinja2.TemplateNotFound as exc:
            raise TemplateProblem(f"không tìm thấy mẫu câu chữ {TEMPLATE_NAME}") from exc

    def __call__(self, macro: str, *args: Any) -> str:
        fn = getattr(self.module, macro, None)
        if fn is None:
            raise TemplateProblem(f"mẫu {TEMPLATE_NAME} thiếu macro '{macro}'")
        try:
            return re.sub(r"[ \t\r\n]+", " ", str(fn(*args))).strip(" ")
        except jinja2.TemplateError as exc:
            raise TemplateProblem(
                f"lỗi khi dùng macro '{macro}' của {TEMPLATE_NAME}: {exc}"
            ) from exc
