"""Vietnamese for the strings typer and click print themselves (usage, errors, --help).

Both libraries call ``gettext.gettext`` through a module-level ``_``; we swap that name for a
lookup in this table, so users never see an English sentence from the framework.
"""

from __future__ import annotations

import gettext
import importlib
import importlib.abc
import re
import sys
from typing import Any

TRANSLATIONS = {
    "Usage:": "Cách dùng:",
    "Show this message and exit.": "Hiện hướng dẫn này rồi thoát.",
    "Error": "Lỗi",
    "Error: {message}": "Lỗi: {message}",
    "Options": "Tùy chọn",
    "Commands": "Lệnh",
    "Arguments": "Tham số",
    "Missing argument": "Thiếu tham số",
    "Missing option": "Thiếu tùy chọn",
    "Missing parameter": "Thiếu tham số",
    "Missing parameter: {param_name}": "Thiếu tham số: {param_name}",
    "Missing {param_type}": "Thiếu {param_type}",
    "Missing command.": "Thiếu lệnh.",
    "No such command {name!r}.": "Không có lệnh {name!r}.",
    "No such option {name!r}.": "Không có tùy chọn {name!r}.",
    "No such option: {name}": "Không có tùy chọn: {name}",
    "Option {name!r} does not take a value.": "Tùy chọn {name!r} không nhận giá trị.",
    "Option {name!r} requires an argument.": "Tùy chọn {name!r} cần một giá trị.",
    "Argument {name!r} takes {nargs} values.": "Tham số {name!r} nhận {nargs} giá trị.",
    "Invalid value for {param_hint}: {message}": "Giá trị không hợp lệ cho {param_hint}: {message}",
    "Invalid value: {message}": "Giá trị không hợp lệ: {message}",
    "Try '{command} {option}' for help.": "Xem '{command} {option}' để được hướng dẫn.",
    "Try [blue]'{command_path} {help_option}'[/] for help.": (
        "Xem [blue]'{command_path} {help_option}'[/] để được hướng dẫn."
    ),
    "{value!r} is not a valid {number_type}.": "{value!r} không phải là {number_type} hợp lệ.",
    "integer": "số nguyên",
    "Aborted!": "Đã dừng.",
    "Aborted.": "Đã dừng.",
    "[default: {}]": "[mặc định: {}]",
    "[required]": "[bắt buộc]",
    "default: {default}": "mặc định: {default}",
    "required": "bắt buộc",
    "{name} {filename!r} does not exist.": "{name} {filename!r} không tồn tại.",
    "file": "tệp",
    "directory": "thư mục",
    "path": "đường dẫn",
}

_PACKAGES = ("typer", "typer._click", "click")


# typer's vendored click writes these without gettext; translated by pattern.
_ERROR_PATTERNS = [
    (r"Missing argument '(.+?)'\.", r"Thiếu tham số '\1'."),
    (r"Missing option '(.+?)'\.", r"Thiếu tùy chọn '\1'."),
    (r"No such option: (\S+)", r"Không có tùy chọn: \1"),
    (r"No such command '(.+?)'\.", r"Không có lệnh '\1'."),
    (r"Did you mean (.+?)\?", r"Có phải ý bạn là \1?"),
    (r"\(Possible options: (.+?)\)", r"(Các tùy chọn gần giống: \1)"),
    (r"Option '(.+?)' requires an argument\.", r"Tùy chọn '\1' cần một giá trị."),
    (r"Option '(.+?)' does not take a value\.", r"Tùy chọn '\1' không nhận giá trị."),
    (r"Got unexpected extra arguments? \((.+?)\)", r"Thừa tham số: \1"),
    (r"Invalid value for (.+?): ", r"Giá trị không hợp lệ cho \1: "),
    (r"Input should be a valid integer, unable to parse string as an integer", "phải là số nguyên"),
    (r"Path '(.+?)' does not exist\.", r"Đường dẫn '\1' không tồn tại."),
]


def translate_error(message: str) -> str:
    for pattern, replacement in _ERROR_PATTERNS:
        message = re.sub(pattern, replacement, message)
    return message


def _(message: str) -> str:
    return TRANSLATIONS.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _(singular if n == 1 else plural)


def install() -> None:
    """Best effort: a typer release that moved its internals keeps working, in English."""
    try:
        _install()
    except Exception:
        return


def _install() -> None:
    # typer vendors its own copy of click (typer._click) and loads much of it lazily (help and
    # error rendering pull in rich); translate each module when it is imported, so start-up
    # pays only for what a command uses.
    for module in list(sys.modules.values()):
        _translate(module)
    if not any(isinstance(finder, _TranslateOnImport) for finder in sys.meta_path):
        sys.meta_path.insert(0, _TranslateOnImport())
    _patch_vendored_click()
    # A "<bool>"/"<path>" type column means nothing to a clerk; the help text says it all.
    core = importlib.import_module("typer.core")
    for cls in (core.TyperOption, core.TyperArgument):
        cls.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_RICH_CONSTANTS = (
    "OPTIONS_PANEL_TITLE",
    "ARGUMENTS_PANEL_TITLE",
    "COMMANDS_PANEL_TITLE",
    "ERRORS_PANEL_TITLE",
    "ABORTED_TEXT",
    "RICH_HELP",
    "DEFAULT_STRING",
    "REQUIRED_LONG_STRING",
)


def _translate(module: Any) -> None:
    """Swap a framework module's gettext names for ours, and its fixed rich texts."""
    name = getattr(module, "__name__", "")
    if not isinstance(name, str) or not name.startswith(_PACKAGES):
        return
    if getattr(module, "_", None) is gettext.gettext:
        module._ = _
    if getattr(module, "ngettext", None) is gettext.ngettext:
        module.ngettext = _ngettext
    if name == "typer.rich_utils":
        for constant in _RICH_CONSTANTS:
            if hasattr(module, constant):
                setattr(module, constant, _(getattr(module, constant)))
        _patch_rich_errors(module)


class _TranslateOnImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the loader of typer/click modules to translate them."""

    def find_spec(self, fullname: str, path: Any, target: Any = None) -> Any:
        if not fullname.startswith(_PACKAGES):
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _TranslatingLoader(spec.loader)
                return spec
        return None


class _TranslatingLoader(importlib.abc.Loader):
    def __init__(self, loader: Any) -> None:
        self.loader = loader

    def create_module(self, spec: Any) -> Any:
        return self.loader.create_module(spec)

    def exec_module(self, module: Any) -> None:
        self.loader.exec_module(module)
        _translate(module)


def _patch_vendored_click() -> None:
    try:
        click_core = importlib.import_module("typer._click.core")
        formatting = importlib.import_module("typer._click.formatting")
    except ImportError:  # pragma: no cover - older typer uses the real click (gettext above)
        return
    original_help = click_core.Command.get_help_option

    def get_help_option(self: Any, ctx: Any) -> Any:
        option = original_help(self, ctx)
        if option is not None:
            option.help = "Hiện hướng dẫn này rồi thoát."
        return option

    click_core.Command.get_help_option = get_help_option

    original_usage = formatting.HelpFormatter.write_usage

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        original_usage(self, prog, args, "Cách dùng: " if prefix is None else prefix)

    formatting.HelpFormatter.write_usage = write_usage


def _patch_rich_errors(rich_utils: Any) -> None:
    original_error = rich_utils.rich_format_error

    def rich_format_error(self: Any) -> None:
        original_format = self.format_message
        self.format_message = lambda: translate_error(original_format())
        original_error(self)

    rich_utils.rich_format_error = rich_format_error
