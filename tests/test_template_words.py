"""An office's template with a Jinja mistake is told in Vietnamese, at its file and line
(issue 10: Jinja's syntax reasons reached the clerk in English)."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import jinja2.sandbox
import pytest

from kehoach.compose.wording import TemplateProblem, Wording, explain, syntax_reason

_ENGLISH = re.compile(
    r"\b(unexpected|expected|unknown|tag|template|looking|following|innermost|block|needs|"
    r"closed|token|got|char|missing|end|argument|follows|default|chain|tests|expression)\b"
)

BROKEN = [
    ("{% macro x() %}abc", "khối 'macro' chưa đóng: thiếu {% endmacro %}"),
    ("{% for a in b %}x", "thiếu {% endfor %} hoặc {% else %}"),
    ("{% endfor %}", "thẻ {% endfor %} không có trong Jinja"),
    ("{{ a b }}", "cần '}}' nhưng gặp 'b'"),
    ("{{ a }", "'}' không đúng chỗ"),
    ("{{ 'abc }}", "chuỗi chưa đóng dấu nháy"),
    ("{% if %}x{% endif %}", "thiếu biểu thức (gặp '%}')"),
    ("{{ a( }}", "gặp '}' nhưng cần ')'"),
    ("{# abc", "ghi chú '{#' chưa đóng"),
    ("{% macro a(x=1, y) %}{% endmacro %}", "đứng sau tham số có giá trị mặc định"),
    ("{{ a | }}", "cần một tên nhưng gặp '}}'"),
    ("{% raw %}abc", "{% raw %} chưa đóng"),
    ("{{ a is b is c }}", "phép thử 'is'"),
    ("{{ 1 +}}", "'}}' không đúng chỗ"),
    ("{% macro a() %}{% endif %}", "khối 'macro' đang mở cần {% endmacro %} trước"),
]


def _message(source: str) -> str:
    try:
        jinja2.sandbox.SandboxedEnvironment().parse(source)
    except jinja2.TemplateSyntaxError as exc:
        return exc.message or ""
    raise AssertionError(f"{source!r} parses")


@pytest.mark.parametrize(("source", "words"), BROKEN)
def test_a_Jinja_syntax_mistake_is_said_in_Vietnamese(source: str, words: str) -> None:
    said = syntax_reason(_message(source))
    assert words in said, said
    assert not _ENGLISH.search(said), said


def test_a_complaint_no_pattern_knows_is_said_without_its_English() -> None:
    said = syntax_reason("Some future Jinja complaint about 'x'")
    assert said == "cú pháp Jinja sai ở dòng này"
    assert explain(jinja2.TemplateRuntimeError("a future runtime complaint")) == (
        "lỗi khi chạy mẫu (TemplateRuntimeError)"
    )


def test_an_office_template_with_a_mistake_names_its_file_line_and_reason(
    tmp_path: Path,
) -> None:
    (tmp_path / "ke_hoach.j2").write_text(
        "{% macro loi_dan(kh) %}\nBan hành {{ kh.ten_goi }\n{% endmacro %}\n", "utf-8"
    )
    with pytest.raises(TemplateProblem) as caught:
        Wording(tmp_path)
    message = str(caught.value)
    assert message.startswith(f"{tmp_path / 'ke_hoach.j2'}:2: mẫu câu chữ sai cú pháp Jinja")
    assert "'}' không đúng chỗ" in message
    assert not _ENGLISH.search(message.split(": ", 1)[1]), message


@pytest.mark.parametrize(
    ("source", "said"),
    [
        # Jinja raises a Python TypeError here; it must not read "two values of other kinds".
        ("{% macro m(a) %}{{ a }}{% endmacro %}{{ m(1, 2) }}", "macro 'm' nhận tối đa 1 tham số"),
        ("{{ range(10**9) | list }}", "vòng lặp range() quá lớn (tối đa 100.000 lần)"),
        ("{{ 1 / 0 }}", "phép chia cho 0"),
        ("{{ 'a' + 1 }}", "phép tính giữa hai giá trị khác kiểu (ví dụ chữ cộng số)"),
    ],
)
def test_a_template_error_at_run_time_is_said_whole_in_Vietnamese(source: str, said: str) -> None:
    with pytest.raises(Exception) as caught:
        jinja2.sandbox.ImmutableSandboxedEnvironment().from_string(source).render()
    assert explain(caught.value) == said
