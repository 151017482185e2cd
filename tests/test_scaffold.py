"""The skeletons `kehoach new` writes (a state plan, and with --dang a Party plan).

Issue 10 item 5 changed the contract: an untouched skeleton must not validate (it rendered
"ỦY BAN NHÂN DÂN XÃ ..." and "ngày;"). As written, its only errors are its placeholders, each
located and named as one; with the placeholders filled it validates without an error or a
warning; and every commented-out example in it (a hint the clerk uncomments) is valid too
once filled, so a hint never teaches a key the tool refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.compose.composer import compose
from kehoach.scaffold import Basics
from kehoach.scaffold import skeleton as skeleton_text
from kehoach.spec.validate import validate_text

# The top-level hints of each skeleton, and what a clerk removes when uncommenting each
# (keys it replaces).
TOP_LEVEL = {
    "ky_hieu": [],
    "thuc_hien": [],
    "de_nghi": [],
    "loi_dan": [],
    "danh_so": [],
    "phan_khac": [],
    "ket_luan": [],
    "luu": [],
    "phu_luc": [],
    "quyet_dinh": ["so", "ky_hieu"],
    "phan": ["muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien", "phan_khac"],
    "trinh_bay": [],
}
# The Party skeleton (moi-dang.yaml.j2): no Quyết định (not laid out under HD 05), no de_nghi.
PARTY_TOP_LEVEL = {
    key: replaced for key, replaced in TOP_LEVEL.items() if key not in ("quyet_dinh", "de_nghi")
}
HINTS = {"nha-nuoc": TOP_LEVEL, "dang": PARTY_TOP_LEVEL}
OPTIONS = {"nha-nuoc": [], "dang": ["--dang"]}


@pytest.fixture(scope="module")
def skeletons(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    out = {}
    for kind, options in OPTIONS.items():
        target = tmp_path_factory.mktemp("moi") / "kh.yaml"
        result = CliRunner().invoke(app, ["new", str(target), "--khong-hoi", *options])
        assert result.exit_code == 0, result.output
        out[kind] = target.read_text("utf-8")
    return out


@pytest.fixture(params=sorted(OPTIONS))
def kind(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def skeleton(skeletons: dict[str, str], kind: str) -> str:
    return skeletons[kind]


def commented_block(text: str, head: str) -> str:
    """The lines of the commented example that starts with ``head`` ("# key:" at some
    indentation), uncommented: the head and every following comment line indented deeper."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(head))
    indent = len(lines[start]) - len(lines[start].lstrip())
    prefix = " " * indent + "# "
    block = [lines[start][len(prefix) :]]
    for line in lines[start + 1 :]:
        if not line.startswith(prefix + " "):
            break
        block.append(line[len(prefix) :])
    return "\n".join(block) + "\n"


# What a clerk writes in place of each placeholder (in order: the specific ones first).
_FILLS = [
    (re.compile(r"Họ và tên người ký \.\.\."), "Trần Văn Bình"),
    (re.compile(r"\bĐịa danh\b"), "Tây Sơn"),
    (re.compile(r"năm (\.\.\.|…)"), "năm 2026"),
    (re.compile(r"ngày (\.\.\.|…)"), "ngày 19/6/2015"),
    (re.compile(r"(\.\.\.|…)(?=/)"), "12"),
]
_DOTS = re.compile(r"(?<=\s)(\.\.\.|…)")


def _dots_deleted(text: str) -> str:
    """``text`` with the named placeholders filled and every other "..." simply deleted, as
    a hurried clerk does: the items are left without a final mark."""
    for pattern, value in _FILLS:
        text = pattern.sub(value, text)
    text = re.sub(r"(XÃ|TỈNH) (\.\.\.|…)", r"\1 TÂY SƠN", text)
    return re.sub(r" ?(\.\.\.|…)", "", text)


def filled(text: str) -> str:
    """``text`` with every placeholder of the skeletons replaced, as a clerk would."""
    for pattern, value in _FILLS:
        text = pattern.sub(value, text)

    def fill(match: re.Match[str]) -> str:
        before = match.string[: match.start()].split()
        capitals = before and before[-1].isupper() and before[-1].isalpha()
        return "TÂY SƠN" if capitals else "Tây Sơn"

    return _DOTS.sub(fill, text)


def valid(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _, report = validate_text(text, Path("kh.yaml"))
    assert not report.errors, [d.format() for d in report.errors]


# The keys that hold a placeholder in each skeleton as `new --khong-hoi` writes it.
PLACEHOLDERS = {
    "nha-nuoc": [
        "co_quan.ten",
        "co_quan.ten_goi",
        "dia_danh",
        "trich_yeu",
        "can_cu[1]",
        "muc_dich_yeu_cau.muc_dich[1]",
        "muc_dich_yeu_cau.yeu_cau[1]",
        "nhiem_vu.mo_dau",
        "nhiem_vu.muc[1].tieu_de",
        "nhiem_vu.muc[1].muc[1]",
        "nhiem_vu.muc[2]",
        "nhiem_vu.muc[3].doan",
        "to_chuc_thuc_hien.phan_cong[1].nhiem_vu",
        "to_chuc_thuc_hien.ket",
        "nguoi_ky.ho_ten",
    ],
    "dang": [
        "co_quan.chu_quan",
        "co_quan.ten",
        "co_quan.ten_goi",
        "dia_danh",
        "trich_yeu",
        "can_cu[2]",
        "muc_dich_yeu_cau.muc_dich[1]",
        "muc_dich_yeu_cau.yeu_cau[1]",
        "nhiem_vu.mo_dau",
        "nhiem_vu.muc[1].tieu_de",
        "nhiem_vu.muc[1].muc[1]",
        "nhiem_vu.muc[2]",
        "nhiem_vu.muc[3].doan",
        "to_chuc_thuc_hien.phan_cong[1].nhiem_vu",
        "to_chuc_thuc_hien.phan_cong[2].nhiem_vu",
        "to_chuc_thuc_hien.ket",
        "nguoi_ky.ho_ten",
    ],
}


def test_the_skeleton_as_written_has_exactly_its_placeholder_errors(
    skeleton: str, kind: str
) -> None:
    spec, report = validate_text(skeleton, Path("kh.yaml"))
    assert spec is None and not report.warnings
    errors = report.sorted()
    assert [d.key_path for d in errors] == PLACEHOLDERS[kind]
    lines = skeleton.splitlines()
    for d in errors:
        assert d.placeholder and d.rule is None and d.position is not None
        assert "chữ mẫu" in d.message and d.hint
        key = d.key_path.rsplit(".", 1)[-1].split("[")[0]
        line = lines[d.position.line - 1]
        assert key in line or line.lstrip().startswith("- "), (d.format(), line)


def test_the_skeleton_filled_is_valid(skeleton: str) -> None:
    spec, report = validate_text(filled(skeleton), Path("kh.yaml"))
    assert spec is not None and report.items == [], [d.format() for d in report.items]
    assert "..." not in str(spec.model_dump()) and "…" not in str(spec.model_dump())


def test_the_skeleton_filled_renders_a_document_check_accepts(
    skeleton: str, tmp_path: Path
) -> None:
    """The clerk's first document: what the skeleton becomes, filled, passes kehoach's own
    checker with nothing to say, also where a clerk only deletes the "..." (short items
    without a final mark drew DM-2 warnings)."""
    from kehoach.check import check_docx
    from kehoach.writer import to_bytes

    for text in (filled(skeleton), _dots_deleted(skeleton)):
        spec, report = validate_text(text, Path("kh.yaml"))
        assert spec is not None, [d.format() for d in report.errors]
        path = tmp_path / "kh.docx"
        path.write_bytes(to_bytes(compose(spec)))
        findings = check_docx(path)
        assert findings == [], [f"{f.rule} {f.message} @ {f.where}" for f in findings]


def test_every_top_level_hint_is_listed(skeleton: str, kind: str) -> None:
    hinted = set(re.findall(r"^# ([a-z_]+):", skeleton, flags=re.MULTILINE))
    assert hinted == set(HINTS[kind])


@pytest.mark.parametrize(
    ("hint_kind", "key"), [(kind, key) for kind in OPTIONS for key in sorted(HINTS[kind])]
)
def test_a_top_level_hint_uncommented_is_valid(
    skeletons: dict[str, str], hint_kind: str, key: str
) -> None:
    skeleton = filled(skeletons[hint_kind])
    data = yaml.safe_load(skeleton)
    for replaced in HINTS[hint_kind][key]:
        data.pop(replaced, None)
    data.update(yaml.safe_load(commented_block(skeleton, f"# {key}:")))
    valid(data)


@pytest.mark.parametrize("key", ["thuc_hien", "quyet_dinh", "loi_dan"])
def test_a_hint_with_placeholders_uncommented_is_refused_by_them(key: str) -> None:
    """A hint's own "..." is a placeholder too: uncommented and left as is, it is named."""
    skeleton = filled(_skeleton(Basics()))
    data = yaml.safe_load(skeleton)
    data.pop("so", None)
    data.update(yaml.safe_load(commented_block(_skeleton(Basics()), f"# {key}:")))
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _, report = validate_text(text, Path("kh.yaml"))
    assert report.errors and all(d.placeholder for d in report.errors)
    assert all(d.key_path.startswith(key) for d in report.errors)


def test_the_table_hint_uncommented_is_valid(skeleton: str) -> None:
    data = yaml.safe_load(filled(skeleton))
    data["nhiem_vu"]["muc"] += yaml.safe_load(commented_block(skeleton, "# - bang:"))
    valid(data)


def _skeleton(basics: Basics) -> str:
    return skeleton_text(basics, "kh.yaml")


@pytest.mark.parametrize(
    ("body", "code", "position", "in_text"),
    [
        ("Sở Y tế", "SYT", "Giám đốc", "Sở Y tế"),
        ("Trường Tiểu học Kim Đồng", "THKĐ", "Hiệu trưởng", "Trường Tiểu học Kim Đồng"),
        ("Sở Giáo dục và Đào tạo", "SGDĐT", "Phó Giám đốc", "Sở Giáo dục và Đào tạo"),
    ],
)
def test_a_head_run_body_gets_no_TM_and_keeps_its_capitals(
    body: str, code: str, position: str, in_text: str
) -> None:
    """Issue 10 item 5: for a Sở or a school the skeleton wrote "thay_mat: ỦY BAN NHÂN DÂN"
    (then KT-6) and a lower-cased name in running text ("Sở y tế")."""
    basics = Basics(co_quan=body, viet_tat=code, chuc_vu=position)
    text = filled(_skeleton(basics))
    assert "thay_mat:" not in text.split("nguoi_ky:")[1].split("\n\n")[0]
    spec, report = validate_text(text, Path("kh.yaml"))
    assert spec is not None and report.items == [], [d.format() for d in report.items]
    assert spec.co_quan.ten_goi == in_text
    assert compose(spec).signature.lines[0] in ("GIÁM ĐỐC", "HIỆU TRƯỞNG", "KT. GIÁM ĐỐC")


@pytest.mark.parametrize(
    ("body", "chu_quan", "office"),
    [
        ("ỦY BAN NHÂN DÂN XÃ ...", "", "Văn phòng HĐND và UBND xã"),
        ("Ủy ban nhân dân phường Hòa Bình", "", "Văn phòng HĐND và UBND phường"),
        ("UBND đặc khu Phú Quốc", "", "Văn phòng HĐND và UBND đặc khu"),
        ("Ủy ban nhân dân tỉnh Lâm Đồng", "", "Văn phòng UBND tỉnh"),
        ("Ủy ban nhân dân thành phố Hà Nội", "", "Văn phòng UBND thành phố"),
        (
            "Ủy ban nhân dân thành phố Hội An",
            "UBND tỉnh Quảng Nam",
            "Văn phòng HĐND và UBND thành phố",
        ),
        ("Sở Y tế", "", "Văn phòng Sở"),
    ],
)
def test_the_first_office_charged_is_the_bodys_own(body: str, chu_quan: str, office: str) -> None:
    """The skeleton charged "Văn phòng HĐND và UBND xã" whatever the body: a phường, a
    province or a Sở was given a commune's office to correct by hand."""
    data = yaml.safe_load(_skeleton(Basics(co_quan=body, chu_quan=chu_quan)))
    assert data["to_chuc_thuc_hien"]["phan_cong"][0]["don_vi"] == office


def test_a_body_whose_office_is_not_known_gets_a_stand_in_validate_reports() -> None:
    text = _skeleton(Basics(co_quan="Trường Tiểu học Kim Đồng", viet_tat="THKĐ"))
    assert yaml.safe_load(text)["to_chuc_thuc_hien"]["phan_cong"][0]["don_vi"] == "Văn phòng ..."
    _, report = validate_text(text)
    assert "to_chuc_thuc_hien.phan_cong[1].don_vi" in {e.key_path for e in report.errors}


def test_a_deputy_answered_signs_KT_in_the_skeleton() -> None:
    """`new` answered "Phó Chủ tịch" wrote "TM. ỦY BAN NHÂN DÂN / PHÓ CHỦ TỊCH" (issue 10
    item 3), now refused (KT-1); the skeleton writes the KT. line."""
    spec, report = validate_text(filled(_skeleton(Basics(chuc_vu="Phó Chủ tịch"))))
    assert spec is not None and report.items == [], [d.format() for d in report.items]
    assert compose(spec).signature.lines == ["TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"]


def test_the_party_skeleton_is_a_party_plan(skeletons: dict[str, str]) -> None:
    """`new --dang` (issue 9): the_thuc: dang and the Party defaults of hd05-spec §11."""
    spec, report = validate_text(filled(skeletons["dang"]), Path("kh.yaml"))
    assert spec is not None and not report.items
    assert spec.the_thuc == "dang"
    assert spec.co_quan.chu_quan == ["ĐẢNG BỘ TỈNH TÂY SƠN"]
    assert spec.co_quan.ten == ["ĐẢNG ỦY XÃ TÂY SƠN"]
    assert spec.co_quan.viet_tat == "ĐU"
    assert (spec.nguoi_ky.thay_mat, spec.nguoi_ky.chuc_vu) == ("BAN THƯỜNG VỤ", "PHÓ BÍ THƯ")
    assert not any(line.startswith("Lưu") for line in spec.noi_nhan)
    assert not any(line.startswith("-") for line in spec.can_cu)
    # Its hints teach the Party forms, never NĐ 30's.
    text = skeletons["dang"]
    for party in ("KH/ĐU", "T/M", "- Lưu Văn phòng Đảng ủy.", "Phụ lục 1"):
        assert party in text, party
    for state in ("KH-UBND", "Lưu: VT", "TM.", "KT.", "quyet_dinh:"):
        assert state not in text, state
