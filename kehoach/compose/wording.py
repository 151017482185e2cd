"""Wording from Jinja templates: the sentences an office may want to phrase its own way.

Templates run in Jinja's immutable sandbox with StrictUndefined: a template can shape text
but cannot reach into Python, and a misspelt variable is an error, not a silent blank. An
office's template is input like a spec, so it is bounded too: at most ``MAX_SECONDS`` per
call (where the platform allows a timer), no string or number grown past ``MAX_OUTPUT`` by
``*`` or ``**``, no control characters in what it returns, and every failure (a Python
error inside the template included) a Vietnamese message naming the template and its line.
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import threading
import types
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

TEMPLATE_NAME = "ke_hoach.j2"
MAX_SECONDS = 2.0  # one macro call, or loading one template
MAX_OUTPUT = 100_000  # characters a template may produce in one call or one operation
# What no document text may hold: C0/C1 controls (tab and newline aside), surrogates,
# non-characters.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


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


class _Bounded(ImmutableSandboxedEnvironment):
    """The sandbox, with ``*`` and ``**`` unable to build a huge string, list or number
    (``"x" * 10**9`` would take a gigabyte before any check could see it)."""

    intercepted_binops = frozenset({"*", "**"})

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                sized = isinstance(seq, (str, list, tuple)) and isinstance(times, int)
                if sized and len(seq) * times > MAX_OUTPUT:
                    raise TemplateProblem(
                        f"phép nhân tạo chuỗi quá dài (trên {MAX_OUTPUT:,} ký tự)".replace(",", ".")
                    )
        numbers = isinstance(left, (int, float)) and isinstance(right, (int, float))
        if operator == "**" and numbers and abs(left) > 1 and right > 64:
            raise TemplateProblem("phép lũy thừa cho số quá lớn")
        return super().call_binop(context, operator, left, right)


def template_environment(folders: list[Path], **options: Any) -> ImmutableSandboxedEnvironment:
    """The sandbox every template (wording, skeleton) runs in, reading only its folders."""
    return _Bounded(
        loader=ConfinedLoader([str(f) for f in folders]),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        **options,
    )


_WHITESPACE = re.compile(r"[ \t\r\n]+")


class _TimeUp(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Interrupt the template after ``seconds`` (POSIX timer, main thread only: elsewhere a
    template runs unbounded in time, as any Python code would)."""
    usable = hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()
    if not usable:
        yield
        return

    def expire(signum: int, frame: types.FrameType | None) -> None:
        raise _TimeUp

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def run_template(what: str, call: Callable[[], Any], *, timed: bool = True) -> Any:
    """``call()`` (a macro, a template render) within the limits; any failure becomes a
    TemplateProblem that names ``what`` and the template line (Vietnamese). ``timed=False``
    for kehoach's own templates: the time limit guards against an office's template, and
    its timer costs four system calls on every macro of every plan."""
    try:
        with _time_limit(MAX_SECONDS) if timed else contextlib.nullcontext():
            result = call()
    except TemplateProblem as exc:
        raise TemplateProblem(f"{what}: {exc}") from exc
    except _TimeUp as exc:
        raise TemplateProblem(
            f"{what}: mẫu chạy quá {str(MAX_SECONDS).rstrip('0').rstrip('.').replace('.', ',')}"
            " giây (vòng lặp quá lớn?)"
        ) from exc
    except MemoryError as exc:
        raise TemplateProblem(f"{what}: mẫu tạo ra quá nhiều dữ liệu") from exc
    except Exception as exc:  # an office template is input: a Python error in it included
        raise TemplateProblem(f"{_where(exc)}{what}: {explain(exc)}") from exc
    if isinstance(result, str):
        if len(result) > MAX_OUTPUT:
            raise TemplateProblem(
                f"{what}: mẫu tạo ra văn bản quá dài ({len(result):,} ký tự; tối đa"
                f" {MAX_OUTPUT:,})".replace(",", ".")
            )
        bad = _CONTROL.search(result)
        if bad:
            raise TemplateProblem(
                f"{what}: mẫu tạo ra ký tự điều khiển U+{ord(bad.group()):04X}, không in được"
            )
    return result


def _where(exc: BaseException) -> str:
    """ "mau/ke_hoach.j2:3: " from the template frames Jinja puts in the traceback."""
    found = ""
    tb = exc.__traceback__
    while tb is not None:
        template = tb.tb_frame.f_globals.get("__jinja_template__")
        if template is not None and template.filename:
            line = template.get_corresponding_lineno(tb.tb_lineno)
            found = f"{template.filename}:{line}: "
        elif tb.tb_frame.f_code.co_filename.endswith(".j2"):  # a frame Jinja rewrote
            found = f"{tb.tb_frame.f_code.co_filename}:{tb.tb_lineno}: "
        tb = tb.tb_next
    return found


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
        self.ours = template_dir is None  # only kehoach's own templates: no time limit
        self.modules = []
        # An office template may define only the macros it rewords; the rest come built in.
        for directory in [template_dir, builtin] if template_dir is not None else [builtin]:
            self.env = template_environment([directory, builtin], keep_trailing_newline=False)
            self.modules.append(self._load())

    def _load(self) -> Any:
        try:
            return run_template(
                f"mẫu {TEMPLATE_NAME}", lambda: self.env.get_template(TEMPLATE_NAME).module
            )
        except TemplateProblem as problem:
            cause = problem.__cause__
            if isinstance(cause, jinja2.TemplateSyntaxError):
                raise TemplateProblem(
                    f"{cause.filename or TEMPLATE_NAME}:{cause.lineno}: mẫu câu chữ sai cú pháp"
                    f" Jinja ({syntax_reason(cause.message or '')})"
                ) from cause
            if isinstance(cause, jinja2.TemplateNotFound):
                raise TemplateProblem(f"không tìm thấy mẫu {cause.name}") from cause
            raise

    def __call__(self, macro: str, *args: Any) -> str:
        fn = next((getattr(m, macro) for m in self.modules if hasattr(m, macro)), None)
        if fn is None:
            raise TemplateProblem(f"mẫu {TEMPLATE_NAME} thiếu macro '{macro}'")
        if not isinstance(fn, jinja2.runtime.Macro):
            raise TemplateProblem(
                f"'{macro}' trong mẫu {TEMPLATE_NAME} không phải là một macro"
                f" (viết {{% macro {macro}(…) %}} … {{% endmacro %}})"
            )
        text = run_template(
            f"macro '{macro}' của {TEMPLATE_NAME}", lambda: str(fn(*args)), timed=not self.ours
        )
        return _WHITESPACE.sub(" ", text).strip(" ")


# Jinja's names for what it expected or found ("expected token 'end of print statement'").
_JINJA_TOKENS = {
    "end of print statement": "'}}'",
    "end of statement block": "'%}'",
    "begin of print statement": "'{{'",
    "begin of statement block": "'{%'",
    "end of template": "cuối mẫu",
    "name": "một tên",
    "string": "một chuỗi",
    "integer": "một số",
    "float": "một số",
}


def _token(text: str) -> str:
    name = text.strip("'\"")
    return _JINJA_TOKENS.get(name, f"'{name}'")


def _tags(text: str) -> str:
    """ "'endfor' or 'else'" → "{% endfor %} hoặc {% else %}"."""
    return " hoặc ".join("{% " + tag + " %}" for tag in re.findall(r"'(\w+)'", text))


# What Jinja says, at run time and of a template's syntax (parser and lexer), each a pattern
# and its Vietnamese (a template for the match, or a function of it); a message no pattern
# knows is said without its English (tests/test_template_words.py).
_JINJA_SAID: list[tuple[str, str | Callable[[re.Match[str]], str]]] = [
    (r"^'([^']+)' is undefined$", r"biến '\1' không tồn tại"),
    (r"^parameter '([^']+)' was not provided$", r"macro cần tham số '\1' mà kehoach không truyền"),
    (r"^No caller defined$", "macro dùng caller() nhưng không được gọi bằng {% call %}"),
    (r"^Range too big\..*", "vòng lặp range() quá lớn (tối đa 100.000 lần)"),
    (r"^macro '([^']+)' takes not more than (\d+) argument", r"macro '\1' nhận tối đa \2 tham số"),
    (r"^'([^']+)' has no attribute '([^']+)'$", r"'\1' không có thuộc tính '\2'"),
    (
        r"^access to attribute '([^']+)' of '([^']+)' object is unsafe\.$",
        r"không được truy cập thuộc tính '\1' (mẫu chạy trong hộp cát)",
    ),
    (
        r"^Unexpected end of template\. Jinja was looking for the following tags: (.+?)\."
        r" The innermost block that needs to be closed is '(\w+)'\.$",
        lambda m: f"mẫu hết mà khối '{m[2]}' chưa đóng: thiếu {_tags(m[1])}",
    ),
    (r"^Unexpected end of template", lambda m: "mẫu hết mà một khối chưa đóng"),
    (
        r"^Encountered unknown tag '(\w+)'\. Jinja was looking for the following tags: (.+?)\."
        r" The innermost block that needs to be closed is '(\w+)'\.$",
        lambda m: f"thẻ {{% {m[1]} %}} sai chỗ: khối '{m[3]}' đang mở cần {_tags(m[2])} trước",
    ),
    (
        r"^Encountered unknown tag '(\w+)'",
        lambda m: (
            f"thẻ {{% {m[1]} %}} không có trong Jinja, hoặc không có khối nào đang mở để đóng"
        ),
    ),
    (
        r"^expected token '(.+?)', got '(.+?)'$",
        lambda m: f"cần {_token(m[1])} nhưng gặp {_token(m[2])}",
    ),
    (r"^Expected an expression, got '(.+?)'$", lambda m: f"thiếu biểu thức (gặp {_token(m[1])})"),
    (
        r"^unexpected '(.+?)', expected '(.+?)'$",
        lambda m: f"gặp {_token(m[1])} nhưng cần {_token(m[2])}",
    ),
    (r"^unexpected '(.+?)'$", lambda m: f"{_token(m[1])} không đúng chỗ"),
    (
        r"^unexpected char (.+?) at \d+$",
        lambda m: f"ký tự {m[1]} không dùng được ở đây (chuỗi chưa đóng dấu nháy?)",
    ),
    (r"^Missing end of comment tag", lambda m: "ghi chú '{#' chưa đóng bằng '#}'"),
    (
        r"^Missing end of raw directive",
        lambda m: "khối {% raw %} chưa đóng bằng {% endraw %}",
    ),
    (
        r"^non-default argument follows default argument",
        lambda m: "tham số không có giá trị mặc định đứng sau tham số có giá trị mặc định",
    ),
    (r"^You cannot chain multiple tests", lambda m: "không được nối nhiều phép thử 'is'"),
    (r"^tag name expected", lambda m: "thiếu tên thẻ sau '{%'"),
    (r"^expected name or number", lambda m: "sau dấu '.' cần một tên hoặc một số"),
    (r"^expected subscript expression", lambda m: "trong ngoặc vuông cần một chỉ số"),
]


def _jinja_said(message: str) -> str | None:
    """Jinja's ``message`` in Vietnamese, whole, when a pattern knows it."""
    for pattern, said in _JINJA_SAID:
        match = re.match(pattern, message, re.DOTALL)
        if match:
            return match.expand(said) if isinstance(said, str) else said(match)
    return None


def syntax_reason(message: str) -> str:
    """Jinja's syntax complaint in Vietnamese (never in English: an office's clerk reads it)."""
    return _jinja_said(message) or "cú pháp Jinja sai ở dòng này"


_PYTHON_ERRORS = {
    ZeroDivisionError: "phép chia cho 0",
    TypeError: "phép tính giữa hai giá trị khác kiểu (ví dụ chữ cộng số)",
    OverflowError: "số quá lớn",
    UnicodeDecodeError: "tệp mẫu (hoặc tệp nó gọi vào bằng include, import) không lưu bằng UTF-8",
    ValueError: "giá trị không hợp lệ",
    KeyError: "khóa không tồn tại",
    IndexError: "chỉ số vượt quá danh sách",
}


def explain(exc: BaseException) -> str:
    """Jinja's reason in Vietnamese where a pattern knows it (a Python error Jinja raises,
    such as a macro called with too many arguments, included); else a Python error by its
    kind."""
    if isinstance(exc, RecursionError):
        return "macro gọi lại chính nó không dừng"
    if isinstance(exc, jinja2.TemplateNotFound):  # an include or import inside a macro
        return f"không tìm thấy tệp mẫu '{exc.name}' trong thư mục mẫu"
    if isinstance(exc, jinja2.TemplateSyntaxError):  # in a template a macro imports
        return f"sai cú pháp Jinja ({syntax_reason(exc.message or '')})"
    said = _jinja_said(str(exc).replace("kehoach.wording.WordingContext object", "kh"))
    if said is not None:
        return said
    if isinstance(exc, jinja2.TemplateError):
        return f"lỗi khi chạy mẫu ({type(exc).__name__})"
    for kind, meaning in _PYTHON_ERRORS.items():
        if isinstance(exc, kind):
            return meaning
    return f"lỗi trong mẫu ({type(exc).__name__})"
