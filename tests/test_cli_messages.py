"""Every message of the command line itself is Vietnamese (issue 10, item 9).

The commands and their parameters are read from the app, so a new command or option is
covered without touching this file; each case below is run for every command it applies
to and its output must contain no English word of the framework. When a typer release
changes how usage errors, help or Ctrl-C reach kehoach.cli_i18n, these tests fail in CI
(which installs the newest typer the pin allows) instead of a clerk reading English.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from kehoach import cli_i18n
from kehoach.cli import app

runner = CliRunner()
ROOT = typer.main.get_command(app)
COMMANDS = sorted(ROOT.commands)  # type: ignore[attr-defined]

# Words of typer's and click's own messages ("Usage:", "Error", "Missing argument", "No
# such option", "Did you mean", "Got unexpected extra argument", "Aborted!", "Show this
# message and exit.", "[default: …]", "[required]", "Input should be a valid integer"…).
ENGLISH = {
    "usage", "options", "option", "arguments", "argument", "commands", "command", "error",
    "missing", "invalid", "such", "try", "help", "did", "mean", "possible", "requires",
    "require", "takes", "take", "value", "values", "got", "unexpected", "extra", "aborted",
    "show", "message", "exit", "default", "required", "valid", "input", "should", "integer",
    "int", "string", "str", "path", "directory", "choose", "range", "parameter", "type",
}  # fmt: skip


def english_words(text: str) -> list[str]:
    """Framework words in ``text``, ignoring option names (--help) and file names."""
    words = []
    for token in text.split():
        if token.lstrip("'\"([").startswith("-") or "." in token.strip(".,;:'\")?"):
            continue
        words += [w for w in re.findall(r"[A-Za-z]+", token) if w.lower() in ENGLISH]
    return words


def run(*args: str, **kwargs: str):  # type: ignore[no-untyped-def]
    result = runner.invoke(app, list(args), **kwargs)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert not english_words(result.output), (english_words(result.output), result.output)
    assert "thư viện typer" not in result.output, result.output  # a message we had no words for
    return result


def usage_error(result, command: str) -> None:  # type: ignore[no-untyped-def]
    prefix = f"kehoach {command}".rstrip()
    assert result.exit_code == 2, result.output
    assert f"{prefix}: lỗi: " in result.output, result.output
    assert f"Cách dùng: {prefix} " in result.output
    assert f"Xem '{prefix} -h' để được hướng dẫn." in result.output


def commands_and_root() -> list[str]:
    return ["", *COMMANDS]


def click_command(name: str):  # type: ignore[no-untyped-def]
    return ROOT if not name else ROOT.commands[name]  # type: ignore[attr-defined]


def options(name: str) -> list:  # type: ignore[type-arg]
    """The visible options of a command, its help option included."""
    command = click_command(name)
    ctx = command.context_class(command, info_name="kehoach", help_option_names=["-h", "--help"])
    return [p for p in command.get_params(ctx) if cli_i18n._is_option(p) and not p.hidden]


def required_arguments(name: str) -> list[str]:
    """Stand-ins for the required arguments of a command, so an option can be tested."""
    params = click_command(name).params
    return ["x.yaml" for p in params if cli_i18n._is_argument(p) and p.required]


def argv(name: str, *rest: str) -> list[str]:
    return [name, *rest] if name else list(rest)


# --- help ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", commands_and_root())
@pytest.mark.parametrize("flag", ["-h", "--help"])
def test_help_of_every_command(name: str, flag: str) -> None:
    result = run(*argv(name, flag))
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Cách dùng: kehoach {name}".rstrip() + " ")
    assert "  -h, --help" in result.output and "Hiện hướng dẫn này rồi thoát." in result.output
    assert "Tùy chọn:" in result.output
    assert all(line == line.rstrip() for line in lines), "trailing spaces"
    for param in click_command(name).params:
        if cli_i18n._is_argument(param):
            assert "Tham số:" in result.output and param.metavar in result.output
        elif not param.hidden:
            # Options that take a value show it ("-o, --output THƯ_MỤC"), flags do not.
            assert cli_i18n.option_names(param) in result.output


def test_the_program_help_lists_every_command() -> None:
    result = run("-h")
    assert "Lệnh:" in result.output
    for name in COMMANDS:
        assert re.search(rf"^  {re.escape(name)}  ", result.output, re.MULTILINE), name


@pytest.mark.parametrize("name", commands_and_root())
def test_every_value_option_has_a_vietnamese_placeholder(name: str) -> None:
    for param in options(name):
        if cli_i18n.takes_value(param):
            assert param.metavar and param.metavar[0].isupper(), param.opts
            assert param.metavar not in ("TEXT", "PATH", "INTEGER", "FILE", "N"), param.opts
            assert cli_i18n.option_names(param).endswith(f" {param.metavar}")
        else:
            assert not cli_i18n.option_names(param).endswith(f" {cli_i18n.VALUE}")


def test_no_arguments_shows_the_help() -> None:
    result = run()
    assert result.exit_code == 2 and result.output.startswith("Cách dùng: kehoach ")


# --- usage errors -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", commands_and_root())
def test_unknown_option(name: str) -> None:
    result = run(*argv(name, "--khong-co-dau"))
    usage_error(result, name)
    assert "không có tùy chọn '--khong-co-dau'" in result.output


@pytest.mark.parametrize("name", commands_and_root())
def test_unknown_option_close_to_a_real_one(name: str) -> None:
    longest = max((o for p in options(name) for o in p.opts if o.startswith("--")), key=len)
    typo = longest[:-1]  # "--outpu"
    result = run(*argv(name, typo))
    usage_error(result, name)
    assert f"không có tùy chọn '{typo}'; có phải ý bạn là " in result.output
    assert f"'{longest}'?" in result.output or f"'{longest}' hay" in result.output


def test_an_option_of_a_command_given_to_the_program() -> None:
    result = run("--pdf", "check", "a.docx")
    usage_error(result, "")
    assert "đặt sau tên lệnh" in result.output and "kehoach render --pdf" in result.output


@pytest.mark.parametrize(
    ("name", "option"),
    [(n, p.opts[0]) for n in commands_and_root() for p in options(n) if cli_i18n.takes_value(p)],
)
def test_option_without_its_value(name: str, option: str) -> None:
    result = run(*argv(name, *required_arguments(name), option))
    usage_error(result, name)
    assert f"tùy chọn '{option}' cần một giá trị: {option} " in result.output


@pytest.mark.parametrize(
    ("name", "flag"),
    [
        (n, o)
        for n in commands_and_root()
        for p in options(n)
        if not cli_i18n.takes_value(p)
        for o in (*p.opts, *p.secondary_opts)
        if o.startswith("--")
    ],
)
def test_flag_given_a_value(name: str, flag: str) -> None:
    result = run(*argv(name, *required_arguments(name), f"{flag}=1"))
    usage_error(result, name)
    assert f"tùy chọn '{flag}' không nhận giá trị" in result.output


@pytest.mark.parametrize("name", [n for n in COMMANDS if required_arguments(n)])
def test_missing_argument(name: str) -> None:
    result = run(name)
    usage_error(result, name)
    (argument,) = [p for p in click_command(name).params if cli_i18n._is_argument(p)]
    assert f"thiếu tham số {argument.metavar}" in result.output


@pytest.mark.parametrize(
    "name",
    [
        n
        for n in COMMANDS
        if all(p.nargs == 1 for p in click_command(n).params if cli_i18n._is_argument(p))
    ],
)
def test_extra_arguments(name: str) -> None:
    result = run(name, "KH", "xã", "Tây Phú.yaml")
    usage_error(result, name)
    assert "thừa tham số: " in result.output and "dấu nháy" in result.output


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["render", "a.yaml", "--jobs", "x"], "--jobs/-j 'x': không phải là số"),
        (["validate", "a.yaml", "-j", "bốn"], "--jobs/-j 'bốn': không phải là số"),
        (["render", "a.yaml", "-j", "0"], "số tiến trình phải từ 1 trở lên"),
        (["new", "--khong-hoi", "--nam", "abc"], "--nam 'abc': không phải là số"),
        (["new", "--khong-hoi", "--nam", "2026.5"], "--nam '2026.5': không phải là số"),
    ],
)
def test_bad_values(args: list[str], says: str) -> None:
    result = run(*args)
    usage_error(result, args[0])
    assert says in result.output


def test_no_such_command() -> None:
    result = run("rendr", "a.yaml")
    usage_error(result, "")
    assert "không có lệnh 'rendr'; có phải ý bạn là 'render'?" in result.output
    result = run("in-ra", "a.yaml")
    usage_error(result, "")
    assert "không có lệnh 'in-ra' (các lệnh: " in result.output


def test_missing_command() -> None:
    result = run("--")
    usage_error(result, "")
    assert "thiếu lệnh (một trong: " in result.output


# --- stopping -----------------------------------------------------------------------------------


def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    def stop(*args: object, **kwargs: object) -> None:
        raise exc

    return stop


STOPS = {
    "validate": ("kehoach.api.validate_many", ["a.yaml"]),
    "render": ("kehoach.api.render_many", ["a.yaml"]),
    "check": ("kehoach.check.report.run_check", ["a.docx"]),
    "huong-dan": ("kehoach.guide.lookup", ["spec"]),
    "new": ("builtins.input", ["--hoi", "{tmp}/kh.yaml"]),
}


def test_every_command_can_be_stopped() -> None:
    assert set(STOPS) == set(COMMANDS)


@pytest.mark.parametrize("name", sorted(STOPS))
@pytest.mark.parametrize("exc", [KeyboardInterrupt(), typer.Abort()], ids=["ctrl-c", "abort"])
def test_ctrl_c_stops_with_130(
    name: str, exc: BaseException, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    target, args = STOPS[name]
    monkeypatch.setattr(target, _raise(exc))
    result = run(name, *(a.format(tmp=tmp_path) for a in args))
    assert result.exit_code == 130, result.output
    assert result.output.strip().endswith("đã dừng.")
    assert not (tmp_path / "kh.yaml").exists()


def test_end_of_input_while_asking(tmp_path: Path) -> None:
    result = run("new", "--hoi", str(tmp_path / "kh.yaml"), input="Ủy ban nhân dân xã An Phú\n")
    assert result.exit_code == 2
    assert "lỗi: hết dữ liệu vào trước khi trả lời xong các câu hỏi; chưa ghi tệp" in result.output
    assert not (tmp_path / "kh.yaml").exists()


# --- the real program ---------------------------------------------------------------------------


def test_messages_of_the_real_program(tmp_path: Path) -> None:
    """Through ``python -m kehoach`` (sys.argv, the program name, stderr)."""
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach", "render", "--outpt", "x"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 2 and proc.stdout == ""
    assert "render: lỗi: không có tùy chọn '--outpt'; có phải ý bạn là '--output'?" in proc.stderr
    assert not english_words(proc.stderr), proc.stderr
    proc = subprocess.run(
        [sys.executable, "-m", "kehoach", "check", "-h"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        check=False,
    )
    assert proc.returncode == 0 and "Hiện hướng dẫn này rồi thoát." in proc.stdout
    assert not english_words(proc.stdout), proc.stdout


def test_the_layer_patches_nothing() -> None:
    """No import hook, no replaced module attribute: typer and click are used as published."""
    import importlib.abc

    assert not any(
        isinstance(f, importlib.abc.MetaPathFinder) and f.__class__.__module__.startswith("kehoach")
        for f in sys.meta_path
    )
    source = Path(cli_i18n.__file__).read_text("utf-8")
    assert "except Exception" not in source and "setattr(" not in source
