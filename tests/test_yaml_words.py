"""Every complaint PyYAML can make reaches the clerk in Vietnamese (issue 10: English from
unmapped YAML errors). The complaints are read from PyYAML's own source, so a newer PyYAML
with a new one fails here instead of printing English to a clerk."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest
import yaml

from kehoach.spec.loader import _translate, load_text

_ENGLISH = re.compile(
    r"\b(expected|found|but|got|allowed|character|document|stream|indentation|unclosed|"
    r"escape|sequence|mapping|directive|handle|scalar|token)\b"
)
_GENERIC = "cú pháp YAML không hợp lệ ở vị trí này"


def _problems() -> list[str]:
    """The problem texts PyYAML's scanner, parser, composer and reader raise."""
    found: set[str] = set()
    for name in ("scanner.py", "parser.py", "composer.py", "reader.py"):
        tree = ast.parse((Path(yaml.__file__).parent / name).read_text("utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.Call) and getattr(node.func, "id", "").endswith("Error")):
                continue
            for arg in node.args:
                text = arg.left if isinstance(arg, ast.BinOp) else arg
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    found.add(text.value)
    # Context texts ("while scanning …") and fragments are not the problem said to the user.
    return sorted(p for p in found if not p.startswith("while") and " " in p)


PROBLEMS = _problems()


def test_the_problems_are_read_from_PyYAML() -> None:
    assert len(PROBLEMS) > 25 and "mapping values are not allowed here" in PROBLEMS


@pytest.mark.parametrize("problem", PROBLEMS)
def test_each_PyYAML_problem_is_said_in_Vietnamese(problem: str) -> None:
    said = _translate(problem.replace("%r", "':'").replace("%d", "4").replace("%s", "x"))
    assert said != _GENERIC, problem
    assert not _ENGLISH.search(said), (problem, said)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: [1, 2\nb: 3\n", "ngoặc vuông chưa đóng"),
        ("a: {x: 1\n", "gặp cuối tệp"),
        ("%YAML 1.1\n%YAML 1.1\n---\na: 1\n", "chỉ thị %YAML xuất hiện hai lần"),
        ("a: 1\n---\nb: 2\n", "chỉ được chứa một tài liệu"),
        ("a: |0\n  x\n", "từ 1 đến 9"),
        ('a: "\\x4"\n', "thiếu chữ số hệ 16"),
    ],
)
def test_a_broken_file_is_told_in_Vietnamese_at_its_place(text: str, words: str) -> None:
    (d,) = load_text(text).diagnostics
    assert words in d.message and d.position is not None
    assert not _ENGLISH.search(d.message), d.message
