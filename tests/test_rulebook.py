"""One law: the rule book is the only source of layout facts (issue 6).

Change one fact of the NĐ 30 profile (a margin, a size, a word list) and validate, the
writer and ``kehoach check`` all move together. The expectations here are written out by
hand (millimetres, half-points, rule IDs), not read from the profile under test.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

from lxml import etree
from specs import VALID

from kehoach.check import check_docx
from kehoach.compose import compose
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Length, Margins, Size, Sizes
from kehoach.spec.validate import validate_text
from kehoach.writer import to_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def render(text: str, profile, tmp_path: Path, name: str) -> Path:  # type: ignore[no-untyped-def]
    spec, report = validate_text(text, profile=profile)
    assert spec is not None, [d.format() for d in report.items]
    path = tmp_path / f"{name}.docx"
    path.write_bytes(to_bytes(compose(spec, profile=profile), profile))
    return path


def part(path: Path, name: str) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as package:
        return etree.fromstring(package.read(name))


def rules(findings, severity: str | None = None) -> set[str]:  # type: ignore[no-untyped-def]
    return {f.rule for f in findings if severity is None or f.severity == severity}


def diagnostics(text: str, profile) -> set[str | None]:  # type: ignore[no-untyped-def]
    _, report = validate_text(text, profile=profile)
    return {d.rule for d in report.items}


def test_P3_a_margin_moves_validate_writer_and_check(tmp_path: Path) -> None:
    wide = replace(ND30, margins=Margins(left=Length("P-3", 36, 36, 38)))
    explicit = VALID + "trinh_bay:\n  le_trai: 30\n"
    assert "P-3" not in diagnostics(explicit, ND30)
    assert "P-3" in diagnostics(explicit, wide)  # validate: 30 mm is now outside

    ours = render(VALID, wide, tmp_path, "wide")  # writer: the default moves to 36 mm
    margin = part(ours, "word/document.xml").find(f".//{W}pgMar")
    assert margin.get(f"{W}left") == str(round(36 * 1440 / 25.4))
    assert "P-3" not in rules(check_docx(ours, wide))  # check: 36 mm passes under the variant
    assert "P-3" in rules(check_docx(ours, ND30), "error")  # … and not under NĐ 30

    plain = render(VALID, ND30, tmp_path, "plain")
    assert "P-3" in rules(check_docx(plain, wide), "error")
    assert "P-3" not in rules(check_docx(plain, ND30))


def test_SO2_a_size_moves_the_writer_and_check(tmp_path: Path) -> None:
    larger = replace(ND30, sizes=replace(Sizes(), number=Size("SO-2", 14, 14, 14)))
    ours = render(VALID, larger, tmp_path, "so14")
    styles = part(ours, "word/styles.xml")
    number_style = styles.find(f"{W}style[@{W}styleId='SoKyHieu']")
    assert number_style.find(f"{W}rPr/{W}sz").get(f"{W}val") == "28"  # 14 pt
    assert "SO-2" not in rules(check_docx(ours, larger))
    assert "SO-2" in rules(check_docx(ours, ND30), "error")
    plain = render(VALID, ND30, tmp_path, "so13")
    assert "SO-2" in rules(check_docx(plain, larger), "error")


def test_KT2_a_word_list_moves_validate_and_check(tmp_path: Path) -> None:
    titles = replace(ND30, personal_titles=ND30.personal_titles + r"|CHỈ HUY TRƯỞNG")
    text = VALID.replace("thay_mat: ỦY BAN NHÂN DÂN", "thay_mat: CHỈ HUY TRƯỞNG")
    assert "KT-2" not in diagnostics(text, ND30)
    assert "KT-2" in diagnostics(text, titles)
    rendered = render(text, ND30, tmp_path, "chi-huy")
    assert "KT-2" not in rules(check_docx(rendered, ND30))
    assert "KT-2" in rules(check_docx(rendered, titles), "error")


def test_ND1_the_body_size_range_moves_validate(tmp_path: Path) -> None:
    only14 = replace(ND30, sizes=replace(Sizes(), body=Size("ND-1", 14, 14, 14)))
    text = VALID + "trinh_bay:\n  co_chu: 13\n"
    assert "ND-1" not in diagnostics(text, ND30)
    assert "ND-1" in diagnostics(text, only14)
    rendered = render(text, ND30, tmp_path, "body13")
    assert "ND-1" not in rules(check_docx(rendered, ND30))
    assert "ND-1" in rules(check_docx(rendered, only14), "error")


def test_DDD5_the_rule_ID_table_moves_validate_and_check(tmp_path: Path) -> None:
    """hd05-spec §10: the D- ID a shared rule carries is one table of the Party profile."""
    from test_party_spec import PARTY

    from kehoach.law.hd05 import HD05

    renamed = replace(HD05, rule_ids={**HD05.rule_ids, "DD-7": "D-DD-99"})
    text = PARTY.replace("dia_danh: Tây Sơn", "dia_danh: Huế")  # one syllable: D-DD-5
    assert "D-DD-5" in diagnostics(text, HD05)
    assert "D-DD-99" in diagnostics(text, renamed)
    assert "D-DD-5" not in diagnostics(text, renamed)
    rendered = render(text, HD05, tmp_path, "hue")
    assert "D-DD-5" in rules(check_docx(rendered, HD05))
    assert "D-DD-99" in rules(check_docx(rendered, renamed))


def test_DD4_the_padded_months_move_the_writer_and_check(tmp_path: Path) -> None:
    """DD-4: how a month is written ("tháng 02", "tháng 3") is one fact of the profile; the
    writer's date line and check's reading of it follow it together."""
    dated = VALID.replace("ngay: 05/02/2026", "ngay: 15/02/2026")
    assert dated != VALID
    plain = replace(ND30, padded_months=0)  # a law that pads no month
    ours = render(dated, plain, tmp_path, "plain")
    texts = "".join(t.text or "" for t in part(ours, "word/document.xml").iter(f"{W}t"))
    assert "ngày 15 tháng 2 năm 2026" in texts
    assert "DD-4" not in rules(check_docx(ours, plain))
    assert "DD-4" in rules(check_docx(ours, ND30), "error")  # NĐ 30 wants "tháng 02"
    nd30 = render(dated, ND30, tmp_path, "nd30")
    assert "DD-4" in rules(check_docx(nd30, plain), "error")
