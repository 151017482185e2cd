"""Spec texts shared by tests: small, valid, and easy to vary with str.replace."""

VALID = """\
co_quan:
  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ
  viet_tat: UBND
so: "05"
dia_danh: An Phú
ngay: 05/02/2026
trich_yeu: Triển khai công tác dân vận năm 2026
nhiem_vu:
  muc:
    - Tuyên truyền
noi_nhan:
  - Thường trực Đảng ủy
nguoi_ky:
  thay_mat: ỦY BAN NHÂN DÂN
  ky_thay: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""


def said_and_found(text: str, rule: str, folder):  # type: ignore[no-untyped-def]
    """What validate says under ``rule`` about the spec ``text`` (its warnings), and what
    check finds under it in the document rendered from it (in ``folder``): the two sides
    of "validate and check agree". The spec must be valid."""
    from kehoach.check import check_docx
    from kehoach.compose import compose
    from kehoach.spec.validate import validate_text
    from kehoach.writer import to_bytes

    spec, report = validate_text(text)
    assert spec is not None, [d.format() for d in report.items]
    path = folder / "kh.docx"
    path.write_bytes(to_bytes(compose(spec)))
    said = [d for d in report.warnings if d.rule == rule]
    return said, [f for f in check_docx(path) if f.rule == rule]
