"""`kehoach huong-dan`: the documentation that comes with kehoach, whole or one part.

The Markdown files of the repository's docs/ travel inside the wheel as kehoach/docs
(pyproject.toml), so an installed kehoach can show what its messages refer to: a whole
document (``spec``), the section of one key (``nguoi_ky``, ``co_quan.ten``) or number
(``3.15``), or every line about one rule ID (``KT-6``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Doc:
    topic: str
    file: str  # relative to the docs folder
    title: str


DOCS = (
    Doc("spec", "spec.md", "Tệp kế hoạch: cách viết, từng khóa, lỗi và cảnh báo"),
    Doc("check", "check.md", "Lệnh check: kiểm tra thể thức một tệp .docx bất kỳ"),
    Doc("don-vi", "don-vi.md", "Tệp đơn vị: một kế hoạch chung cho nhiều đơn vị (--don-vi)"),
    Doc("bao-cao", "bao-cao.md", "Báo cáo dạng JSON (--bao-cao, validate --json)"),
    Doc("nd30", "luat/nd30-spec.md", "Quy tắc thể thức NĐ 30 kehoach áp dụng (tiếng Anh)"),
    Doc("hd05", "luat/hd05-spec.md", "Quy tắc thể thức HD 05 của Đảng (tiếng Anh)"),
)
# Where a key, a section number or a rule ID is looked up, in this order.
_SEARCHED = ("spec", "don-vi", "check", "bao-cao")
_HEADING = re.compile(r"^(#{1,6}) +(.*)$")
_RULE_ID = re.compile(r"^(D-)?[A-Z]{1,4}-[0-9]{1,2}$")


class GuideMissing(Exception):
    """The documentation is not where it should be (a broken installation)."""


def docs_dir() -> Path:
    """kehoach/docs in an installed wheel; the repository's docs/ in a checkout."""
    package = Path(__file__).resolve().parent
    for folder in (package / "docs", package.parent / "docs"):
        if (folder / "spec.md").is_file():
            return folder
    raise GuideMissing(
        f"không tìm thấy tài liệu hướng dẫn (thư mục docs) cạnh gói kehoach ở {package};"
        " hãy cài lại kehoach"
    )


def _doc(topic: str) -> Doc:
    return next(d for d in DOCS if d.topic == topic)


def read(doc: Doc) -> str:
    return (docs_dir() / doc.file).read_text("utf-8")


def index() -> str:
    """What `kehoach huong-dan` prints without a topic."""
    width = max(len(d.topic) for d in DOCS)
    lines = ["Tài liệu hướng dẫn cài kèm kehoach:", ""]
    lines += [f"  {d.topic.ljust(width)}  {d.title} (docs/{d.file})" for d in DOCS]
    lines += [
        "",
        "Ví dụ:",
        "  kehoach huong-dan spec        cả tài liệu về tệp kế hoạch",
        "  kehoach huong-dan nguoi_ky    phần về một khóa (co_quan.ten, ngay, …)",
        "  kehoach huong-dan 3.15        một mục theo số",
        "  kehoach huong-dan KT-6        những chỗ nói về một mã lỗi hay cảnh báo",
    ]
    return "\n".join(lines)


def _by_name(query: str) -> Doc | None:
    name = query.strip().removeprefix("docs/").removesuffix(".md")
    for doc in DOCS:
        stem = doc.file.removesuffix(".md")
        if name in (doc.topic, stem, stem.rsplit("/", 1)[-1]):
            return doc
    return None


def _sections(text: str) -> list[tuple[int, str, list[str]]]:
    """(level, heading, lines) of each section; a section runs to the next heading of the
    same or a higher level. Headings inside ``` blocks are not headings."""
    lines = text.splitlines()
    heads: list[tuple[int, int, str]] = []
    fenced = False
    for i, line in enumerate(lines):
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else _HEADING.match(line)
        if match:
            heads.append((i, len(match.group(1)), match.group(2).strip()))
    out = []
    for n, (start, level, heading) in enumerate(heads):
        end = next((s for s, lv, _ in heads[n + 1 :] if lv <= level), len(lines))
        out.append((level, heading, lines[start:end]))
    return out


def _section_matches(heading: str, query: str) -> bool:
    number = re.match(r"([0-9]+(?:\.[0-9]+)*[a-z]?)\.? ", heading)
    if number and number.group(1) == query.rstrip("."):
        return True
    code = re.search(r"`([^`]+)`", heading)
    return code is not None and code.group(1) == query


def _rule_lines(query: str) -> list[str]:
    word = re.compile(rf"(?<![\w-]){re.escape(query)}(?![\w-])")
    out: list[str] = []
    for topic in _SEARCHED:
        doc = _doc(topic)
        heading = ""
        found: list[str] = []
        for line in read(doc).splitlines():
            match = _HEADING.match(line)
            if match:
                heading = match.group(2).strip()
            elif word.search(line):
                found.append(f"  [{heading}] {line.strip()}" if heading else f"  {line.strip()}")
        if found:
            out += [f"docs/{doc.file}:", *found, ""]
    return out


def _section(matches: Callable[[str], bool], row: str | None = None) -> str | None:
    """The first section whose heading ``matches`` (or, with ``row``, the innermost section
    with a line starting with ``row``), with the document it comes from."""
    for topic in _SEARCHED:
        doc = _doc(topic)
        sections = _sections(read(doc))
        if row is not None:
            sections = sorted(sections, key=lambda s: -s[0])  # innermost first
        for _, heading, lines in sections:
            if matches(heading) or (row is not None and any(ln.startswith(row) for ln in lines)):
                return f"(docs/{doc.file})\n\n" + "\n".join(lines).rstrip("\n")
    return None


def lookup(query: str) -> str | None:
    """The text for ``query`` (a document, a key, a section number, a rule ID), or None."""
    doc = _by_name(query)
    if doc is not None:
        return read(doc).rstrip("\n")
    query = query.strip()
    # A key path as messages write it: "nhiem_vu.muc[2].noi_dung" is documented under its
    # own heading, or under the nearest key above it that has one.
    key = re.sub(r"\[[0-9]+\]", "", query)
    parts = key.split(".")
    for candidate in [query] + [".".join(parts[:n]) for n in range(len(parts), 0, -1)]:
        found = _section(lambda heading, c=candidate: _section_matches(heading, c))
        if found is not None:
            return found
    # A key documented in a table row of its group ("| `ho_ten` | …").
    row = f"| `{key}` |"
    found = _section(lambda heading: False, row=row)
    if found is not None:
        return found
    if _RULE_ID.match(query):
        found = _rule_lines(query)
        if found:
            return "\n".join(found).rstrip("\n")
    return None
