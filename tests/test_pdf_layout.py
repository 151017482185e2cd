"""Layout of rendered PDFs (nd30-spec §4, §6, §9/§11) through a REAL LibreOffice render.

All sample documents are converted once per session in a single soffice run
(``pdf_support.rendered_samples``). Tests that need LibreOffice are marked ``libreoffice``;
they skip when it is missing, and fail instead when ``CI=true``.
"""

from __future__ import annotations

import pdf_support
import pytest
from pdf_support import (
    KWN_RANGE,
    SIGNER,
    TEXT_LEFT_MM,
    TEXT_RIGHT_MM,
    assert_a4,
    assert_nd30_pdf_layout,
    assert_no_number_on_first_page,
    assert_page_numbers_top_centre,
    assert_quoc_hieu_one_line,
    assert_signature_not_alone,
    assert_tieu_ngu_one_line,
    rendered_samples,
    require_libreoffice,
)

from kehoach.export.pdflayout import parse_bbox_layout


@pytest.fixture(scope="session")
def samples(tmp_path_factory):
    return rendered_samples(tmp_path_factory)


CHECKS = {
    "a4": assert_a4,
    "no_number_p1": assert_no_number_on_first_page,
    "numbers": assert_page_numbers_top_centre,
    "quoc_hieu": assert_quoc_hieu_one_line,
    "tieu_ngu": assert_tieu_ngu_one_line,
    "signature": assert_signature_not_alone,
}


def failing_checks(pages) -> dict[str, str]:
    failed = {}
    for key, check in CHECKS.items():
        try:
            check(pages)
        except AssertionError as exc:
            failed[key] = str(exc)
    return failed


# --------------------------------------------------------------------------- good samples


@pytest.mark.libreoffice
@pytest.mark.parametrize("name", ["good", "good_fldsimple", "long", "one_page"])
def test_well_formed_sample_passes_every_check(samples, name):
    assert_nd30_pdf_layout(
        samples.pages(name),
        signer_name=SIGNER,
        text_left_mm=TEXT_LEFT_MM,
        text_right_mm=TEXT_RIGHT_MM,
    )


@pytest.mark.libreoffice
def test_sample_fixture_spans_several_pages(samples):
    assert len(samples.pages("good")) >= 2
    assert len(samples.pages("long")) >= 10


@pytest.mark.libreoffice
def test_assertions_accept_a_pdf_path(samples):
    assert_a4(samples.pdf["good"])
    assert_page_numbers_top_centre(samples.pdf["good"], TEXT_LEFT_MM, TEXT_RIGHT_MM)


@pytest.mark.libreoffice
def test_page_number_sits_in_header_area_centred(samples):
    # PN-3 geometry in numbers, as a reference for the renderer: header distance 10 mm.
    page2 = samples.pages("good")[1]
    number = page2.lines[0]
    assert number.text == "2"
    assert number.y0 >= 9.0 and number.y1 <= 20.0
    assert abs(number.cx - (TEXT_LEFT_MM + TEXT_RIGHT_MM) / 2) < 1.0


# --------------------------------------------------------------------------- broken samples


@pytest.mark.libreoffice
@pytest.mark.parametrize(
    ("name", "expected_failures", "message"),
    [
        ("broken_number_on_first_page", {"no_number_p1"}, "PN-4"),
        ("broken_no_numbers", {"numbers"}, "PN-1/PN-3"),
        ("broken_number_left", {"numbers"}, "PN-3: page number '2'"),
        ("broken_narrow_header", {"quoc_hieu"}, "H-6/QH-1"),
        ("broken_signature_alone", {"signature"}, "signature alone"),
        ("broken_letter", {"a4"}, "P-1/P-2"),
    ],
)
def test_broken_sample_fails_exactly_its_check(samples, name, expected_failures, message):
    failed = failing_checks(samples.pages(name))
    assert set(failed) == expected_failures, failed
    assert any(message in text for text in failed.values()), failed


@pytest.mark.libreoffice
def test_keep_with_next_keeps_body_text_with_the_signature(samples):
    """LibreOffice honours keep-with-next from the last body paragraph onto the
    cantSplit bottom table: with it the signature page always holds body text; without it
    at least one body length in KWN_RANGE leaves the table alone (so the check can fail)."""
    alone_without = []
    for n in KWN_RANGE:
        assert_signature_not_alone(samples.pages(f"kwn{n:02d}_on"))
        try:
            assert_signature_not_alone(samples.pages(f"kwn{n:02d}_off"))
        except AssertionError:
            alone_without.append(n)
    assert alone_without, f"no body length in {KWN_RANGE} pushed the table to a new page"


# --------------------------------------------------------------------------- no LibreOffice

_XHTML = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN"
 "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">
<html xmlns="http://www.w3.org/1999/xhtml"><head><title></title></head><body><doc>
<page width="595.276" height="841.89">
 <flow><block xMin="300" yMin="28" xMax="310" yMax="46">
  <line xMin="315" yMin="28.35" xMax="322" yMax="46.5"><word xMin="315" yMin="28.35"
   xMax="322" yMax="46.5">2</word></line></block>
 <block xMin="85" yMin="60" xMax="200" yMax="80">
  <line xMin="85.04" yMin="60" xMax="200" yMax="80">
   <word xMin="85.04" yMin="60" xMax="120" yMax="80">Ho\u0323c</word>
   <word xMin="125" yMin="60" xMax="160" yMax="80">&amp;</word>
   <word xMin="165" yMin="60" xMax="200" yMax="80">&lt;b&gt;</word>
  </line></block></flow>
</page>
<page width="841.89" height="595.276"></page>
</doc></body></html>"""


def test_parse_bbox_layout_units_order_and_text():
    pages = parse_bbox_layout(_XHTML)
    assert [p.number for p in pages] == [1, 2]
    first, second = pages
    assert first.width_mm == pytest.approx(210.0, abs=0.01)
    assert first.height_mm == pytest.approx(297.0, abs=0.01)
    assert second.is_landscape and second.lines == ()
    top, body = first.lines
    assert top.text == "2"
    assert top.y0 == pytest.approx(10.0, abs=0.01)
    assert body.text == "Học & <b>"  # NFC-normalised, entities decoded
    assert body.x0 == pytest.approx(30.0, abs=0.01)
    assert [w.text for w in body.words] == ["Học", "&", "<b>"]
    assert first.lines_above(20.0) == [top]


def test_policy_skips_locally_and_fails_under_ci(monkeypatch):
    monkeypatch.setattr(pdf_support, "find_soffice", lambda: None)
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="LibreOffice chưa được cài"):
        require_libreoffice()
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="LibreOffice chưa được cài"):
        require_libreoffice()
