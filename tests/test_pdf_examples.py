"""Every example rendered through a real LibreOffice, judged from the PDF's text layer.

A4 pages; page 1 shows no number; every later page shows its number at the top centre;
the Quốc hiệu and Tiêu ngữ each sit on one line; the signature block is not alone.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import EXAMPLES, ROOT, STATE_EXAMPLES
from pdf_support import (
    assert_a4,
    assert_no_number_on_first_page,
    assert_page_numbers_top_centre,
    assert_quoc_hieu_one_line,
    assert_signature_not_alone,
    assert_tieu_ngu_one_line,
    require_libreoffice,
)

import kehoach
from kehoach.export.pdf import docx_to_pdf, pdf_to_png
from kehoach.export.pdflayout import Page, read_pdf_layout
from kehoach.law.nd30 import ND30


@pytest.fixture(scope="module")
def example_pdfs(
    rendered: dict[str, Path], tmp_path_factory: pytest.TempPathFactory
) -> dict[str, Path]:
    require_libreoffice()
    out = tmp_path_factory.mktemp("example_pdfs")
    pdfs = docx_to_pdf([rendered[p.stem] for p in EXAMPLES], out)
    return {p.stem: pdf for p, pdf in zip(EXAMPLES, pdfs, strict=True)}


def _restarts(pages: list[Page], spec: kehoach.KeHoach) -> list[int]:
    """Indexes of the pages where numbering starts again at 1 (PN-5): the plan after a
    Quyết định that issues it, and each appendix (its "Phụ lục" label heads the page)."""
    starts = [0]
    for i, page in enumerate(pages[1:], start=1):
        texts = [ln.text for ln in page.lines if not ln.text.isdigit()]
        plan_after_decision = spec.quyet_dinh is not None and "KẾ HOẠCH" in texts
        appendix = bool(texts) and re.fullmatch(r"Phụ lục( [IVXLC]+)?", texts[0]) is not None
        if plan_after_decision or appendix:
            starts.append(i)
    return starts


def _assert_closing_level(pages: list[Page], spec: kehoach.KeHoach) -> None:
    """NN-1, NN-5: "Nơi nhận:" and the first line of the signature block stand on one
    level, whether that line is an authority ("TM. …", "KT. …") or, for a head signing in
    their own name, the position ("GIÁM ĐỐC")."""
    signer = spec.nguoi_ky
    first = next(
        (
            f"{prefix} {getattr(signer, key)}"
            for key, prefix in ND30.authority_prefixes
            if getattr(signer, key)
        ),
        signer.chuc_vu,
    )
    for page in pages:
        label = [ln for ln in page.lines if ln.text == "Nơi nhận:"]
        if label:
            (head,) = [ln for ln in page.lines if ln.text == first]
            assert abs(head.y0 - label[0].y0) < 0.5, (first, head.y0, label[0].y0)
            return
    pytest.fail("no «Nơi nhận:» line")


@pytest.mark.parametrize("name", [p.stem for p in STATE_EXAMPLES])
@pytest.mark.libreoffice
def test_example_pdf_layout(name: str, example_pdfs: dict[str, Path]) -> None:
    spec = kehoach.load(next(p for p in EXAMPLES if p.stem == name))
    pages: list[Page] = read_pdf_layout(example_pdfs[name])
    assert len(pages) >= 2, "examples are long enough to show page numbers"
    # The spec's margins, else the documented defaults (P-4: 20/20/30/15 mm).
    margins = spec.trinh_bay
    left = 30 if margins.le_trai is None else margins.le_trai
    right = 15 if margins.le_phai is None else margins.le_phai
    top = 20 if margins.le_tren is None else margins.le_tren
    starts = _restarts(pages, spec)
    assert len(starts) == 1 + (spec.quyet_dinh is not None) + len(spec.phu_luc)
    assert_a4(pages, allow_landscape=any(a.ngang for a in spec.phu_luc))
    for i in starts:  # PN-4, PN-6: no number on the first page of each numbering run
        assert_no_number_on_first_page(pages[i:], top_margin_mm=top)
    number = 0
    for i, page in enumerate(pages):  # PN-1..PN-3, PN-5: 2, 3 … after each start
        number = 1 if i in starts else number + 1
        if number > 1:
            width = page.width_mm
            assert_page_numbers_top_centre(
                [page], left, width - right, top_margin_mm=top, expected=[number]
            )
    assert_quoc_hieu_one_line(pages)
    assert_tieu_ngu_one_line(pages)
    if spec.quyet_dinh is None:
        assert_signature_not_alone(pages, spec.nguoi_ky.ho_ten, top_margin_mm=top)
        _assert_closing_level(pages, spec)
    else:  # the decision's signature with its Nơi nhận; the plan's with body text above it
        plan = starts[1]
        signer = spec.quyet_dinh.nguoi_ky or spec.nguoi_ky
        assert_signature_not_alone(pages[:plan], signer.ho_ten, top_margin_mm=top)
        first_authority = next(
            (
                f"{prefix} {getattr(spec.nguoi_ky, key)}"
                for key, prefix in ND30.authority_prefixes
                if getattr(spec.nguoi_ky, key)
            ),
            spec.nguoi_ky.chuc_vu,
        )
        assert_signature_not_alone(
            pages[plan:],
            spec.nguoi_ky.ho_ten,
            recipients_label=first_authority,
            top_margin_mm=top,
        )


@pytest.mark.libreoffice
def test_png_preview_pages(example_pdfs: dict[str, Path], tmp_path: Path) -> None:
    images = pdf_to_png(example_pdfs["phu-phong-2024"], tmp_path)
    assert [p.name for p in images] == [
        f"phu-phong-2024-{i}.png" for i in range(1, len(images) + 1)
    ]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in images)


@pytest.mark.libreoffice
def test_cli_render_pdf_and_png(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kehoach.cli import app

    require_libreoffice()
    spec = next(p for p in EXAMPLES if p.stem == "phu-phong-2024")
    result = CliRunner().invoke(app, ["render", str(spec), "-o", str(tmp_path), "--pdf", "--png"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert "phu-phong-2024.docx" in names and "phu-phong-2024.pdf" in names
    assert "phu-phong-2024-1.png" in names


def test_cli_render_pdf_without_libreoffice_is_a_clear_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    import kehoach.export.pdf
    from kehoach.cli import app

    monkeypatch.setattr(kehoach.export.pdf, "find_soffice", lambda: None)
    spec = next(p for p in EXAMPLES if p.stem == "phu-phong-2024")
    result = CliRunner().invoke(app, ["render", str(spec), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 2
    assert "LibreOffice" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "phu-phong-2024.pdf").exists()


@pytest.mark.libreoffice
def test_a_closing_paragraph_at_the_page_foot_goes_with_the_signature(tmp_path: Path) -> None:
    """NN-5: the closing paragraph ended exactly at the foot of page 1 and the Nơi nhận /
    signature table stood alone on page 2. Keep-with-next ran through an empty spacer
    paragraph into the table, and LibreOffice does not carry it across two kept paragraphs;
    the blank line is now space above the cells' first lines."""
    require_libreoffice()
    spec = kehoach.load(ROOT / "tests" / "fixtures" / "pages" / "closing-at-page-foot.yaml")
    docx = tmp_path / "kh.docx"
    docx.write_bytes(kehoach.to_docx_bytes(spec))
    (pdf,) = docx_to_pdf([docx], tmp_path)
    assert_signature_not_alone(read_pdf_layout(pdf), spec.nguoi_ky.ho_ten)


@pytest.mark.libreoffice
def test_render_pdf_moves_a_kept_heading_left_at_the_page_foot(tmp_path: Path) -> None:
    """NT-1: LibreOffice 7.4 leaves this plan's heading «- Kết» on the last line of page 1
    although its style keeps it with the next paragraph. `render --pdf` converts again with
    a page break before it; the .docx the clerk gets is not changed (Word keeps the heading)."""
    from typer.testing import CliRunner

    from kehoach.check import check_page_breaks
    from kehoach.cli import app

    require_libreoffice()
    spec = ROOT / "tests" / "fixtures" / "pages" / "kept-heading-at-page-foot.yaml"
    result = CliRunner().invoke(app, ["render", str(spec), "-o", str(tmp_path), "--pdf"])
    assert result.exit_code == 0, result.output
    docx = tmp_path / f"{spec.stem}.docx"
    assert b"pageBreakBefore" not in zipfile.ZipFile(docx).read("word/document.xml")
    (direct,) = docx_to_pdf([docx], tmp_path / "direct")
    if not check_page_breaks(docx, pages=read_pdf_layout(direct)):
        pytest.skip("this LibreOffice keeps the heading with its paragraph: nothing to move")
    made = read_pdf_layout(tmp_path / f"{spec.stem}.pdf")
    assert check_page_breaks(docx, pages=made) == []
    assert len(made) >= 3 and any(ln.text == "- Kết" for ln in made[1].lines)
