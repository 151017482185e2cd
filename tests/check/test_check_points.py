"""DM-3 (issue 10, item 6): a point «a)» is upright and regular (§8.3), but a titled point —
a short name in bold, which kehoach renders from an item's ``tieu_de`` — is not reported; a
bold sentence is, naming its own letter; the same slip at more than three points is one
finding with its places (docs/check.md §2)."""

from __future__ import annotations

from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, paragraphs_with, save
from docx.document import Document as DocxDocument

import kehoach
from kehoach.check import Finding, check_docx
from kehoach.check.findings import WARNING, Collector

STATE_HEAD = """\
co_quan:
  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ
  viet_tat: UBND
so: "05"
dia_danh: An Phú
ngay: 05/02/2026
trich_yeu: Triển khai công tác dân vận năm 2026
noi_nhan:
  - Thường trực Đảng ủy
nguoi_ky:
  thay_mat: ỦY BAN NHÂN DÂN
  ky_thay: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""

PARTY_HEAD = """\
the_thuc: dang
co_quan:
  chu_quan: ĐẢNG BỘ TỈNH GIA LAI
  ten: ĐẢNG ỦY XÃ TÂY SƠN
  viet_tat: ĐU
so: "27"
dia_danh: Tây Sơn
ngay: 15/6/2026
trich_yeu: thực hiện công tác dân vận năm 2026
noi_nhan:
  - Ban Thường vụ Tỉnh ủy
nguoi_ky:
  thay_mat: BAN THƯỜNG VỤ
  chuc_vu: PHÓ BÍ THƯ
  ho_ten: Nguyễn Văn Hùng
"""

TITLES = [
    "Tuyên truyền trên hệ thống truyền thanh xã",
    "Tuyên truyền qua các hội nghị ở thôn",
    "Tuyên truyền qua mạng xã hội của thôn",
    "Tuyên truyền bằng băng rôn, khẩu hiệu",
    "Tuyên truyền bằng tờ rơi đến từng hộ",
]


def _spec(head: str, titles: list[str], *, content: bool = True) -> str:
    items = []
    for title in titles:
        items.append(f"        - tieu_de: {title}")
        if content:
            items += ["          muc:", "            - Thực hiện hằng tuần trong năm 2026."]
    return (
        head
        + "nhiem_vu:\n  muc:\n    - tieu_de: Công tác tuyên truyền\n      muc:\n"
        + ("\n".join(items) + "\n")
    )


def _check_rendered(text: str, tmp_path: Path) -> list[Finding]:
    path = tmp_path / "ke-hoach.docx"
    path.write_bytes(kehoach.to_docx_bytes(kehoach.loads(text)))
    return check_docx(path)


def explain(findings: list[Finding]) -> str:
    return "\n".join(f"{f.severity} {f.rule} {f.message} @ {f.where}" for f in findings)


# ---------------------------------------------------------------------- rendered by kehoach


@pytest.mark.parametrize("head", [STATE_HEAD, PARTY_HEAD], ids=["nd30", "hd05"])
@pytest.mark.parametrize("content", [True, False], ids=["co-noi-dung", "chi-tieu-de"])
def test_renderer_titled_points_are_not_reported(head: str, content: bool, tmp_path: Path) -> None:
    """Bold «a) Tuyên truyền …» lines from tieu_de: kehoach's own output passes DM-3
    (D-DM-2 under HD 05) — with content under them or alone."""
    findings = _check_rendered(_spec(head, TITLES, content=content), tmp_path)
    assert findings == [], explain(findings)


def test_renderer_bold_sentences_are_one_finding_with_their_places(tmp_path: Path) -> None:
    """A tieu_de written as a sentence (final «.») prints a bold sentence: five of them are
    one DM-3 warning naming five places, not five identical findings."""
    findings = _check_rendered(_spec(STATE_HEAD, [t + "." for t in TITLES]), tmp_path)
    dm3 = [f for f in findings if f.rule == "DM-3"]
    assert len(dm3) == 1, explain(findings)
    (finding,) = dm3
    assert finding.severity == WARNING
    assert finding.message.endswith("(5 vị trí)")
    assert "«a)», «b)»…" in finding.message
    assert finding.where.count("đoạn ") == 5 and "«" not in finding.where
    assert [f for f in findings if f.rule != "DM-3"] == [], explain(findings)


def test_renderer_two_bold_sentences_name_their_own_letters(tmp_path: Path) -> None:
    findings = _check_rendered(_spec(STATE_HEAD, [t + "." for t in TITLES[:2]]), tmp_path)
    dm3 = [f for f in findings if f.rule == "DM-3"]
    assert [f.message.split("»", 1)[0] for f in dm3] == ["Điểm «a)", "Điểm «b)"], explain(dm3)
    assert "«a) Tuyên truyền trên" in dm3[0].where
    assert "«b) Tuyên truyền qua" in dm3[1].where


# ---------------------------------------------------------------------- made by hand


def _bold(doc: DocxDocument, *starts: str) -> None:
    for start in starts:
        (para,) = paragraphs_with(doc, start)
        for run in para.runs:
            run.font.bold = True


def _run(tmp_path: Path, opts: Opts, *bold: str) -> list[Finding]:
    doc = build(opts)
    _bold(doc, *bold)
    return check_docx(save(doc, tmp_path / "tay.docx"))


POINTS = [
    "a) Bám sát chỉ đạo của cấp trên, phù hợp với tình hình thực tế của địa phương;",
    "b) Phân công rõ trách nhiệm của từng cơ quan, đơn vị;",
    "c) Bảo đảm tiến độ, chất lượng, hiệu quả trong tổ chức thực hiện;",
    "d) Kịp thời sơ kết, rút kinh nghiệm sau từng đợt triển khai;",
    "đ) Tổng hợp kết quả, báo cáo Ủy ban nhân dân huyện đúng thời hạn.",
]


def _with_points(points: list[str]) -> Opts:
    base = Opts()
    i = base.body.index("2. Yêu cầu") + 1
    body = [*base.body[:i], *points, *base.body[i + 2 :]]
    return clone(base, body=body)


def test_hand_made_bold_point_names_are_titled_points(tmp_path: Path) -> None:
    titled = ["a) Công tác tuyên truyền", "- Tuyên truyền trên loa truyền thanh.", *POINTS[1:]]
    findings = _run(tmp_path, _with_points(titled), "a) Công tác")
    assert findings == [], explain(findings)


def test_hand_made_bold_sentences_name_each_letter(tmp_path: Path) -> None:
    findings = _run(tmp_path, _with_points(POINTS), "a) Bám sát", "c) Bảo đảm")
    assert [(f.rule, f.severity) for f in findings] == [("DM-3", WARNING)] * 2, explain(findings)
    assert findings[0].message.startswith("Điểm «a)» ")
    assert findings[1].message.startswith("Điểm «c)» ")
    assert "«a) Bám sát" in findings[0].where and "«c) Bảo đảm" in findings[1].where


def test_hand_made_every_point_bold_is_one_finding(tmp_path: Path) -> None:
    findings = _run(tmp_path, _with_points(POINTS), *(p[:8] for p in POINTS))
    assert [(f.rule, f.severity) for f in findings] == [("DM-3", WARNING)], explain(findings)
    assert findings[0].message.endswith("(5 vị trí)")
    assert findings[0].where.count(";") == 4


def test_hand_made_short_bold_point_is_still_accepted(tmp_path: Path) -> None:
    """Three words or fewer («a) Mục đích.») were never reported, punctuated or not."""
    short = ["a) Mục đích.", *POINTS[1:]]
    findings = _run(tmp_path, _with_points(short), "a) Mục đích")
    assert findings == [], explain(findings)


# ---------------------------------------------------------------------- the collector


def test_collector_keeps_each_wording_up_to_three_places_then_folds() -> None:
    def collect(n: int) -> list[Finding]:
        c = Collector()
        for i in range(n):
            letter = "abcde"[i]
            c.many("DM-3", WARNING, "Các điểm …", f"đoạn {i + 1} («{letter}) …»)", one=letter)
        return c.finish()

    assert [(f.message, f.where) for f in collect(3)] == [
        ("a", "đoạn 1 («a) …»)"),
        ("b", "đoạn 2 («b) …»)"),
        ("c", "đoạn 3 («c) …»)"),
    ]
    (folded,) = collect(4)
    assert folded.message == "Các điểm … (4 vị trí)"
    assert folded.where == "đoạn 1; đoạn 2; đoạn 3; đoạn 4"
