"""NT-1: a heading or a lead-in left alone at the foot of a page, found from the PDF that
LibreOffice makes of the .docx (`kehoach check --pdf`, ``check_docx(..., pdf=True)``).

The first tests give the checker hand-made PDF pages (no LibreOffice needed); the others
render through a real LibreOffice: every example and shape kehoach renders keeps its headings
with their content, and a document built so that a heading or a lead-in falls on the last
line of page 1 is caught.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from check_corpus import Opts, build, save
from conftest import EXAMPLES, ROOT
from docx.document import Document as DocxDocument
from docx.enum.text import WD_BREAK
from pdf_support import require_libreoffice
from typer.testing import CliRunner

import kehoach
from kehoach.check import check_docx, check_page_breaks
from kehoach.check.ooxml import snippet
from kehoach.check.pagebreaks import pdf_pages
from kehoach.export.pdflayout import Line, Page, read_pdf_layout

SHAPES = sorted((ROOT / "tests" / "fixtures" / "shapes").glob("*.yaml"))
HEADING = "II. TỔ CHỨC THỰC HIỆN"
LEAD_IN = "Ủy ban nhân dân thị trấn giao nhiệm vụ cụ thể cho các đơn vị như sau:"
BOTTOM_MM = 20.0  # the corpus document's bottom margin


def _page(number: int, texts: list[str], *, last_y: float = 270.0) -> Page:
    """A portrait page whose lines end ``texts``, the last one at ``last_y`` mm."""
    lines = []
    for k, text in enumerate(reversed(texts)):
        y1 = last_y - 8 * k
        lines.append(Line(text, 30.0, y1 - 5, 120.0, y1))
    lines.append(Line(str(number), 100.0, 12.0, 104.0, 17.0))  # page number in the header
    return Page(number, 210.0, 297.0, tuple(sorted(lines, key=lambda ln: ln.y0)))


@pytest.fixture(scope="module")
def corpus_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return save(build(Opts()), tmp_path_factory.mktemp("corpus") / "plan.docx")


# ---------------------------------------------------------------------- without LibreOffice


def test_heading_on_the_last_line_of_a_page(corpus_docx: Path) -> None:
    pages = [_page(1, ["Nâng cao nhận thức …", HEADING]), _page(2, ["- Văn phòng …"])]
    findings = check_page_breaks(corpus_docx, pages=pages)
    assert [(f.rule, f.severity) for f in findings] == [("NT-1", "warning")]
    assert "«II. TỔ CHỨC THỰC HIỆN»" in findings[0].message
    assert "cuối trang 1" in findings[0].message and findings[0].where.endswith("cuối trang 1")
    assert findings[0].where.startswith("đoạn ")


def test_titled_item_and_lead_in_are_caught_too(corpus_docx: Path) -> None:
    lead = "Thực hiện chương trình công tác năm 2024, Ủy ban nhân dân thị trấn Y ban hành Kế hoạch"
    pages = [
        _page(1, ["I. MỤC ĐÍCH, YÊU CẦU", "1. Mục đích"]),
        _page(2, [lead, "triển khai công tác dân vận chính quyền năm 2024 như sau:"]),
        _page(3, ["b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị."]),
    ]
    findings = check_page_breaks(corpus_docx, pages=pages)
    assert [f.where.split(", ")[-1] for f in findings] == ["cuối trang 1", "cuối trang 2"]
    assert findings[1].message.startswith("Lời dẫn «Thực hiện chương trình")


def test_content_lines_footer_and_last_page_are_not_findings(corpus_docx: Path) -> None:
    footer = Line(HEADING, 30.0, 285.0, 120.0, 290.0)  # inside the bottom margin
    page1 = _page(1, ["a) Bám sát chỉ đạo của cấp trên, phù hợp với tình hình thực tế"])
    page1 = Page(1, 210.0, 297.0, (*page1.lines, footer))
    pages = [page1, _page(2, [HEADING])]  # a heading on the LAST page has no next page
    assert check_page_breaks(corpus_docx, pages=pages) == []


def test_a_body_line_that_only_ends_like_a_heading_is_not_one(corpus_docx: Path) -> None:
    pages = [_page(1, ["ban hành Kế hoạch", "tổ chức thực hiện"]), _page(2, ["x"])]
    assert check_page_breaks(corpus_docx, pages=pages) == []


def test_check_docx_merges_page_breaks_with_the_other_rules(corpus_docx: Path) -> None:
    pages = [_page(1, [HEADING]), _page(2, ["x"])]
    assert [f.rule for f in check_docx(corpus_docx, pages=pages)] == ["NT-1"]
    assert check_docx(corpus_docx) == []


def test_cli_pdf_without_libreoffice_says_so_and_exits_2(
    corpus_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kehoach.check.pagebreaks
    from kehoach.cli import app

    monkeypatch.setattr(kehoach.check.pagebreaks, "find_soffice", lambda: None)
    result = CliRunner().invoke(app, ["check", "--pdf", str(corpus_docx)])
    assert result.exit_code == 2, result.output
    assert "Không kiểm tra được ngắt trang (--pdf)" in result.output
    assert "Không tìm thấy LibreOffice" in result.output


def test_python_api_without_libreoffice_raises_a_vietnamese_error(
    corpus_docx: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import kehoach.check.pagebreaks
    from kehoach.export.pdf import ConversionError

    monkeypatch.setattr(kehoach.check.pagebreaks, "find_soffice", lambda: None)
    with pytest.raises(ConversionError, match="Không tìm thấy LibreOffice"):
        check_docx(corpus_docx, pdf=True)


# ---------------------------------------------------------------------- through LibreOffice


RENDERED = [*EXAMPLES, *SHAPES]


@pytest.fixture(scope="module")
def rendered_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, list]]:
    require_libreoffice()
    out = tmp_path_factory.mktemp("keep")
    paths = []
    for spec in RENDERED:
        target = out / f"{spec.parent.name}-{spec.stem}.docx"
        target.write_bytes(kehoach.to_docx_bytes(kehoach.load(spec)))
        paths.append(target)
    return {p.stem: (p, pages) for p, pages in zip(paths, pdf_pages(paths), strict=True)}


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    "name",
    [f"{spec.parent.name}-{spec.stem}" for spec in RENDERED],
)
def test_rendered_plan_keeps_headings_with_their_content(
    name: str, rendered_pages: dict[str, tuple[Path, list]]
) -> None:
    path, pages = rendered_pages[name]
    findings = check_page_breaks(path, pages=pages)
    assert findings == [], "\n".join(f"{f.message} @ {f.where}" for f in findings)


def _pushed(filler: int, last: str) -> DocxDocument:
    """The corpus plan with ``filler`` one-line paragraphs on a fresh page 2, then ``last``
    (a heading or a lead-in, no keep-with-next) and a paragraph of its content."""
    doc = build(Opts())
    body = next(p for p in doc.paragraphs if p.text.startswith("II. TỔ CHỨC"))
    anchor = body.insert_paragraph_before("")
    anchor.add_run().add_break(WD_BREAK.PAGE)
    template = doc.paragraphs[[p.text for p in doc.paragraphs].index(body.text) + 1]
    for k in range(filler):
        para = body.insert_paragraph_before(f"Nội dung thứ {k + 1} của phần này.")
        para.paragraph_format.first_line_indent = template.paragraph_format.first_line_indent
        para.paragraph_format.space_before = template.paragraph_format.space_before
        para.alignment = template.alignment
    if last == LEAD_IN:
        lead = body.insert_paragraph_before(LEAD_IN)
        lead.paragraph_format.first_line_indent = template.paragraph_format.first_line_indent
        lead.paragraph_format.space_before = template.paragraph_format.space_before
        lead.alignment = template.alignment
    return doc


def _ends_page(pages: list[Page], text: str) -> int | None:
    """The page whose last line above the bottom margin reads ``text`` (read independently
    of the checker)."""
    for page in pages[:-1]:
        body = [ln for ln in page.lines if ln.y1 <= page.height_mm - BOTTOM_MM + 2]
        if body and max(body, key=lambda ln: ln.y1).text == text:
            return page.number
    return None


@pytest.mark.libreoffice
def test_heading_and_lead_in_pushed_to_the_foot_of_a_page_are_caught(tmp_path: Path) -> None:
    require_libreoffice()
    cases = [(n, last) for last in (HEADING, LEAD_IN) for n in range(26, 36)]
    paths = [
        save(_pushed(n, last), tmp_path / f"{'h' if last == HEADING else 'l'}{n}.docx")
        for n, last in cases
    ]
    rendered = pdf_pages(paths)
    hits = {HEADING: 0, LEAD_IN: 0}
    for (n, last), path, pages in zip(cases, paths, rendered, strict=True):
        at_foot = {}
        for text, shown in ((HEADING, HEADING), (LEAD_IN, "cho các đơn vị như sau:")):
            page = _ends_page(pages, shown) or _ends_page(pages, text)
            if page is not None and (text == HEADING or last == LEAD_IN):
                at_foot[text] = page
        findings = check_page_breaks(path, pages=pages)
        assert [f.rule for f in findings] == ["NT-1"] * len(at_foot), (n, last, findings)
        for text, page in at_foot.items():
            hits[text] += 1
            assert any(
                f.where.endswith(f"cuối trang {page}") and snippet(text) in f.message
                for f in findings
            ), (n, last, findings)
    assert hits[HEADING] >= 1 and hits[LEAD_IN] >= 1, hits


@pytest.mark.libreoffice
def test_cli_check_pdf_reports_the_heading(tmp_path: Path) -> None:
    require_libreoffice()
    from kehoach.cli import app

    for n in range(26, 36):
        path = save(_pushed(n, HEADING), tmp_path / f"h{n}.docx")
        pages = read_pdf_layout_of(path, tmp_path)
        if _ends_page(pages, HEADING) is not None:
            break
    else:  # pragma: no cover - the layout test above would fail first
        pytest.fail("no filler count puts the heading at the foot of a page")
    result = CliRunner().invoke(app, ["check", "--pdf", "--json", str(path)])
    assert result.exit_code == 0, result.output
    assert '"rule": "NT-1"' in result.output
    plain = CliRunner().invoke(app, ["check", str(path)])
    assert "NT-1" not in plain.output


def read_pdf_layout_of(path: Path, tmp_path: Path) -> list[Page]:
    from kehoach.export.pdf import docx_to_pdf

    (pdf,) = docx_to_pdf([path], tmp_path / "pdf", force=True)
    return read_pdf_layout(pdf)


def test_docx_of_the_corpus_opens(corpus_docx: Path) -> None:
    assert docx.Document(str(corpus_docx)).paragraphs


def test_remedy_for_a_heading_not_kept_is_to_keep_it(corpus_docx: Path) -> None:
    pages = [_page(1, ["Nâng cao nhận thức …", HEADING]), _page(2, ["- Văn phòng …"])]
    (finding,) = check_page_breaks(corpus_docx, pages=pages)
    assert "nên bật «Giữ với đoạn sau»" in finding.message
    assert "đã bật" not in finding.message


def test_remedy_for_a_kept_heading_left_at_the_foot_is_a_page_break(tmp_path: Path) -> None:
    """kehoach's headings are kept with the next paragraph by their style; LibreOffice 7.4
    leaves one at a page foot in some positions (a random Party plan showed it). Asking the
    clerk to switch on what is already on would mislead: the message says it is on and
    names the manual break for a LibreOffice printout."""
    path = tmp_path / "phu-phong.docx"
    path.write_bytes(kehoach.to_docx_bytes(kehoach.load(ROOT / "examples" / "phu-phong-2024.yaml")))
    heading = "II. NHIỆM VỤ CỤ THỂ TRIỂN KHAI NĂM 2024"
    pages = [
        _page(1, ["quốc phòng, an ninh của địa phương.", heading]),
        _page(2, ["Để thực hiện tốt công tác dân vận chính quyền, các bộ phận, đơn vị và"]),
    ]
    (finding,) = check_page_breaks(path, pages=pages)
    assert finding.rule == "NT-1" and f"«{heading}»" in finding.message
    assert "đã bật «Giữ với đoạn sau»" in finding.message
    assert "Ctrl+Enter" in finding.message and "nên bật" not in finding.message
