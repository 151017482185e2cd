"""The Vietnamese command line: help, usage lines and every error about how a command was
called are written here, from the framework's public objects, never from its English texts.

typer (and the click inside it) parses the command line; what a user reads is ours:

* ``VietGroup`` / ``VietCommand`` are the command classes of the app (typer's documented
  ``cls=`` hook). They build the usage line and the help page from the commands and their
  parameters (names, ``metavar``, ``help``), give the help option its Vietnamese text, and
  report what click would report with an English sentence (an unknown command, extra
  arguments, no command at all) as a ``UsageProblem`` of ours.
* ``VietGroup.main`` runs the app with click's ``standalone_mode=False`` so that click hands
  every usage error to us as an exception object; ``message`` words each one in Vietnamese
  from its type and attributes (the option name, the parameter, the suggestions), never
  from its English message. Ctrl-C (and click's ``Abort``) end with "đã dừng." and exit
  code 130.

Nothing here patches typer or click, and nothing is swallowed: an exception type the layer
does not know is reported as such (a Vietnamese line naming the framework's original text),
and ``tests/test_cli_messages.py`` goes through every message a user can meet, for every
command, and fails when one of them is not Vietnamese — so a typer upgrade that changes
any of this fails CI instead of speaking English to a clerk.
"""

from __future__ import annotations

import contextlib
import difflib
import inspect
import shutil
import sys
import textwrap
from collections.abc import Iterator, Sequence
from typing import Any, NoReturn

import typer
from typer.core import TyperCommand, TyperGroup

# click's exception types, wherever this typer keeps click (typer >= 0.26 vendors it as
# typer._click; earlier releases use the click package): the module of typer.BadParameter,
# which typer exports publicly. A missing type fails here, at start-up, and in the tests;
# never a silent English fallback.
_click_errors = sys.modules[typer.BadParameter.__module__]
ClickException: type[Exception] = _click_errors.ClickException
UsageError: type[Exception] = _click_errors.UsageError
BadParameter: type[Exception] = _click_errors.BadParameter
MissingParameter: type[Exception] = _click_errors.MissingParameter
NoSuchOption: type[Exception] = _click_errors.NoSuchOption
BadOptionUsage: type[Exception] = _click_errors.BadOptionUsage
BadArgumentUsage: type[Exception] = _click_errors.BadArgumentUsage

EXIT_USAGE = 2
EXIT_INTERRUPTED = 130  # 128 + SIGINT, as shells report a command stopped by Ctrl-C

USAGE = "Cách dùng:"
HELP_OPTION_TEXT = "Hiện hướng dẫn này rồi thoát."
INTERRUPTED = "đã dừng."
# The metavar shown for an option that takes a value but was declared without one (every
# option of kehoach has its own; tests/test_cli_messages.py sees to that).
VALUE = "GIÁ_TRỊ"


class UsageProblem(Exception):
    """The command line itself is wrong (exit code 2); ``message`` is Vietnamese.

    Raised by the command classes below and by the option callbacks of kehoach.cli (a value
    that is not a number, …); reported like click's usage errors, with the usage line."""

    def __init__(self, message: str, ctx: Any = None) -> None:
        super().__init__(message)
        self.message = message
        self.ctx = ctx


class _NoArguments(Exception):
    """``kehoach`` without anything: the help page, exit code 2."""

    def __init__(self, ctx: Any) -> None:
        super().__init__()
        self.ctx = ctx


class _Interrupted(Exception):
    """Ctrl-C inside a command, carried past typer (which would turn it into a bare exit)."""


# --- help pages and usage lines ---------------------------------------------------------------


def _is_option(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "option"


def _is_argument(param: Any) -> bool:
    return getattr(param, "param_type_name", "") == "argument"


def takes_value(param: Any) -> bool:
    """An option followed by a value (``-o THƯ_MỤC``), as opposed to a flag (``--pdf``)."""
    return _is_option(param) and not getattr(param, "is_flag", False) and not param.count


def argument_name(param: Any) -> str:
    name = param.metavar or (param.name or "").upper()
    return f"{name}..." if param.nargs != 1 else name


def option_names(param: Any) -> str:
    """``-o, --output THƯ_MỤC``; ``--hoi / --khong-hoi``; ``--pdf``."""
    names = ", ".join(sorted(param.opts, key=lambda n: (n.startswith("--"), n)))
    if param.secondary_opts:
        names += " / " + ", ".join(param.secondary_opts)
    if takes_value(param):
        names += f" {param.metavar or VALUE}"
    return names


def _has_short(param: Any) -> bool:
    return any(not name.startswith("--") for name in param.opts)


def usage(command: Any, ctx: Any) -> str:
    """``Cách dùng: kehoach render [TÙY CHỌN] TỆP_YAML...``"""
    pieces = [USAGE, ctx.command_path]
    if command.options_metavar:
        pieces.append(command.options_metavar)
    for param in command.get_params(ctx):
        if _is_argument(param) and not getattr(param, "hidden", False):
            name = argument_name(param)
            pieces.append(name if param.required else f"[{name}]")
    if isinstance(command, TyperGroup) and command.subcommand_metavar:
        pieces.append(command.subcommand_metavar)
    return " ".join(pieces)


def _width() -> int:
    columns = shutil.get_terminal_size((100, 24)).columns
    return max(60, min(columns, 100))


def _paragraphs(text: str | None) -> list[str]:
    text = inspect.cleandoc(text or "").partition("\f")[0]
    return [" ".join(p.split()) for p in text.split("\n\n") if p.strip()]


def _wrap(text: str, width: int) -> list[str]:
    # Between words only: "--khong-hoi", "'{stt}-{dia_danh}.docx'" stay whole.
    return textwrap.wrap(text, width, break_long_words=False, break_on_hyphens=False)


def _table(rows: list[tuple[str, str]], width: int) -> list[str]:
    """Two columns, the second wrapped; a long first cell puts its text on the next line."""
    column = min(max(len(name) for name, _ in rows), 26)
    indent = " " * (column + 4)
    lines = []
    for name, text in rows:
        wrapped = _wrap(text, width - len(indent)) or [""]
        if len(name) > column:
            lines.append(f"  {name}")
            lines += [(indent + w).rstrip() for w in wrapped if w]
        else:
            lines.append(f"  {name.ljust(column)}  {wrapped[0]}".rstrip())
            lines += [indent + w for w in wrapped[1:]]
    return lines


def help_page(command: Any, ctx: Any) -> str:
    """The help of a command (or of the whole program), as plain text: the usage line, what
    it does, its arguments, its options with the value each one takes, its commands."""
    width = _width()
    out = [usage(command, ctx), ""]
    for paragraph in _paragraphs(command.help):
        out += [*_wrap(paragraph, width), ""]
    params = [p for p in command.get_params(ctx) if not getattr(p, "hidden", False)]
    arguments = [
        (argument_name(p), getattr(p, "help", None) or "") for p in params if _is_argument(p)
    ]
    options = [(option_names(p), _option_help(command, ctx, p)) for p in params if _is_option(p)]
    if any(_has_short(p) for p in params if _is_option(p)):
        # Long names line up under long names: "-o, --output …" and "    --pdf".
        shorts = [_has_short(p) for p in params if _is_option(p)]
        options = [
            (n if short else f"    {n}", h) for (n, h), short in zip(options, shorts, strict=True)
        ]
    if isinstance(command, TyperGroup):
        commands = []
        for name in command.list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and not sub.hidden:
                commands.append((name, (_paragraphs(sub.short_help or sub.help) or [""])[0]))
        if commands:
            out += ["Lệnh:", *_table(commands, width), ""]
    for title, rows in (("Tham số:", arguments), ("Tùy chọn:", options)):
        if rows:
            out += [title, *_table(rows, width), ""]
    for paragraph in _paragraphs(command.epilog):
        out += [*_wrap(paragraph, width), ""]
    return "\n".join(out).rstrip("\n")


def _option_help(command: Any, ctx: Any, param: Any) -> str:
    if param is command.get_help_option(ctx):
        return HELP_OPTION_TEXT
    return " ".join((param.help or "").split())


class _Vietnamese:
    """The help, usage and help option of both command classes."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def get_usage(self, ctx: Any) -> str:
        return usage(self, ctx)

    def get_help(self, ctx: Any) -> str:
        return help_page(self, ctx)

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        formatter.write(usage(self, ctx) + "\n")

    def format_help(self, ctx: Any, formatter: Any) -> None:
        formatter.write(help_page(self, ctx) + "\n")


@contextlib.contextmanager
def _in_context(ctx: Any) -> Iterator[None]:
    """click's option parser raises its usage errors without the command they belong to;
    give them ``ctx`` (its usage line, and the option a message is about)."""
    try:
        yield
    except UsageError as exc:
        if getattr(exc, "ctx", None) is None:
            exc.ctx = ctx  # type: ignore[attr-defined]
            exc.cmd = ctx.command  # type: ignore[attr-defined]
        raise


class VietCommand(_Vietnamese, TyperCommand):
    """A kehoach command: extra arguments are reported by us."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if ctx.resilient_parsing:
            return super().parse_args(ctx, args)
        allowed = ctx.allow_extra_args
        ctx.allow_extra_args = True  # click would fail in English; we say it below
        try:
            with _in_context(ctx):
                rest = super().parse_args(ctx, args)
        finally:
            ctx.allow_extra_args = allowed
        if rest and not allowed:
            raise UsageProblem(_extra_arguments(self, ctx, rest), ctx)
        return rest


def _extra_arguments(command: Any, ctx: Any, rest: Sequence[str]) -> str:
    shown = " ".join(_quoted(a) for a in rest)
    text = f"thừa tham số: {shown}"
    singles = [p for p in command.get_params(ctx) if _is_argument(p) and p.nargs == 1]
    if singles:
        # The usual cause: a file name with spaces, not in quotes.
        text += (
            f" ({ctx.command_path} chỉ nhận một {argument_name(singles[-1])}; tên tệp có dấu"
            ' cách thì đặt trong dấu nháy, ví dụ "KH xã Tây Phú.yaml")'
        )
    return text


class VietGroup(_Vietnamese, TyperGroup):
    """The ``kehoach`` program: unknown and missing commands are reported by us, and
    ``main`` reports every usage error in Vietnamese."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if not args and self.no_args_is_help and not ctx.resilient_parsing:
            raise _NoArguments(ctx)
        with _in_context(ctx):
            return super().parse_args(ctx, args)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0] if args else ""
        if (
            not ctx.resilient_parsing
            and not name.startswith("-")
            and self.get_command(ctx, name) is None
        ):
            known = [n for n in self.list_commands(ctx) if not self.get_command(ctx, n).hidden]
            text = f"không có lệnh {_quoted(name)}"
            near = difflib.get_close_matches(name, known, n=2)
            text += (
                f"; có phải ý bạn là {_either(near)}?"
                if near
                else f" (các lệnh: {', '.join(known)})"
            )
            raise UsageProblem(text, ctx)
        return super().resolve_command(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            raise _Interrupted from None

    def main(  # type: ignore[override]
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        code = run(
            lambda: super(VietGroup, self).main(
                args=args,
                prog_name=prog_name,
                complete_var=complete_var,
                standalone_mode=False,
                **extra,
            )
        )
        if standalone_mode:
            sys.exit(code)
        return code


def missing_command(ctx: Any) -> NoReturn:
    """For the program's callback: options were given but no command (``kehoach --``)."""
    commands = ", ".join(ctx.command.list_commands(ctx))
    raise UsageProblem(f"thiếu lệnh (một trong: {commands})", ctx)


# --- running, and what went wrong -------------------------------------------------------------


def run(call: Any) -> int:
    """Run ``call`` (click's main without standalone mode) and return the exit code; every
    usage error is printed here, in Vietnamese."""
    try:
        result = call()
    except _NoArguments as exc:
        typer.echo(help_page(exc.ctx.command, exc.ctx))
        return EXIT_USAGE
    except UsageProblem as exc:
        _report(exc.message, exc.ctx)
        return EXIT_USAGE
    except UsageError as exc:
        _report(message(exc), getattr(exc, "ctx", None))
        return EXIT_USAGE
    except ClickException as exc:  # not a usage error (click's file errors): say what it is
        typer.secho(f"lỗi: {_unknown(exc)}", err=True, fg="red")
        return int(getattr(exc, "exit_code", 1) or 1)
    except (KeyboardInterrupt, _Interrupted, typer.Abort):
        return _interrupted()
    if result == EXIT_INTERRUPTED:  # typer turns Ctrl-C during parsing into this code
        return _interrupted()
    return result if isinstance(result, int) else 0


def _interrupted() -> int:
    typer.echo(INTERRUPTED, err=True)
    return EXIT_INTERRUPTED


def _report(text: str, ctx: Any) -> None:
    if ctx is not None:
        typer.secho(f"{ctx.command_path}: lỗi: {text}", err=True, fg="red")
        typer.echo(usage(ctx.command, ctx), err=True)
        help_names = ctx.help_option_names
        if help_names and ctx.command.get_help_option(ctx) is not None:
            typer.echo(f"Xem '{ctx.command_path} {help_names[0]}' để được hướng dẫn.", err=True)
    else:
        typer.secho(f"lỗi: {text}", err=True, fg="red")


def message(exc: Exception) -> str:
    """A click usage error in Vietnamese, from its type and attributes."""
    ctx = getattr(exc, "ctx", None)
    if isinstance(exc, NoSuchOption):
        name = exc.option_name
        text = f"không có tùy chọn {_quoted(name)}"
        near = list(exc.possibilities or [])[:2]  # most alike first
        if near:
            return f"{text}; có phải ý bạn là {_either(near)}?"
        elsewhere = _commands_with_option(ctx, name)
        if elsewhere:
            return (
                f"{text} ở đây; đó là tùy chọn của lệnh {', '.join(elsewhere)}: đặt sau tên lệnh,"
                f" ví dụ kehoach {elsewhere[0]} {name} …"
            )
        return text
    if isinstance(exc, BadOptionUsage):
        name = exc.option_name
        param = _option_named(ctx, name)
        if param is not None and not takes_value(param):
            return f"tùy chọn {_quoted(name)} không nhận giá trị; chỉ ghi {name}"
        metavar = (param.metavar if param is not None else None) or VALUE
        nargs = getattr(param, "nargs", 1) or 1
        values = " ".join([metavar] * nargs)
        return f"tùy chọn {_quoted(name)} cần {_count(nargs)} giá trị: {name} {values}"
    if isinstance(exc, MissingParameter):
        param = exc.param
        if param is not None and _is_argument(param):
            return f"thiếu tham số {param.metavar or (param.name or '').upper()}"
        if param is not None and _is_option(param):
            return f"thiếu tùy chọn {option_names(param)}"
        return "thiếu tham số"
    if isinstance(exc, BadParameter):
        param = exc.param
        if param is not None and _is_option(param):
            return f"giá trị của tùy chọn {'/'.join(param.opts)} không hợp lệ"
        if param is not None and _is_argument(param):
            return f"giá trị của tham số {argument_name(param)} không hợp lệ"
        return f"giá trị không hợp lệ ({_unknown(exc)})"
    if isinstance(exc, BadArgumentUsage):
        return f"tham số không đúng cách dùng ({_unknown(exc)})"
    return f"cách gọi lệnh chưa đúng ({_unknown(exc)})"


def _unknown(exc: Exception) -> str:
    """A framework error the layer has no words for: not hidden, marked as the framework's
    (tests/test_cli_messages.py fails on any message containing it)."""
    text = exc.format_message() if hasattr(exc, "format_message") else str(exc)
    return f"thông báo gốc của thư viện typer: {text}"


def _quoted(text: str) -> str:
    return f"'{text}'"


def _either(names: Sequence[str]) -> str:
    return " hay ".join(_quoted(n) for n in names)


def _count(n: int) -> str:
    return {1: "một", 2: "hai", 3: "ba"}.get(n, str(n))


def _option_named(ctx: Any, name: str) -> Any:
    if ctx is None:
        return None
    for param in ctx.command.get_params(ctx):
        if _is_option(param) and name in (*param.opts, *param.secondary_opts):
            return param
    return None


def _commands_with_option(ctx: Any, name: str) -> list[str]:
    """The subcommands that have option ``name``, when it was given to the program itself."""
    if ctx is None or not isinstance(ctx.command, TyperGroup):
        return []
    found = []
    for command_name in ctx.command.list_commands(ctx):
        command = ctx.command.get_command(ctx, command_name)
        params = getattr(command, "params", [])
        if any(_is_option(p) and name in (*p.opts, *p.secondary_opts) for p in params):
            found.append(command_name)
    return found
