"""The skeletons `kehoach new` writes (a state plan, and with --dang a Party plan): valid as
they stand, and every commented-out example in them (a hint the clerk uncomments) is valid
too, so a hint never teaches a key the tool refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kehoach.cli import app
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


def valid(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _, report = validate_text(text, Path("kh.yaml"))
    assert not report.errors, [d.render() for d in report.errors]


def test_the_skeleton_as_written_is_valid(skeleton: str) -> None:
    _, report = validate_text(skeleton, Path("kh.yaml"))
    assert not report.errors and not report.warnings


def test_every_top_level_hint_is_listed(skeleton: str, kind: str) -> None:
    hinted = set(re.findall(r"^# ([a-z_]+):", skeleton, flags=re.MULTILINE))
    assert hinted == set(HINTS[kind])


@pytest.mark.parametrize(
    ("hint_kind", "key"), [(kind, key) for kind in OPTIONS for key in sorted(HINTS[kind])]
)
def test_a_top_level_hint_uncommented_is_valid(
    skeletons: dict[str, str], hint_kind: str, key: str
) -> None:
    skeleton = skeletons[hint_kind]
    data = yaml.safe_load(skeleton)
    for replaced in HINTS[hint_kind][key]:
        data.pop(replaced, None)
    data.update(yaml.safe_load(commented_block(skeleton, f"# {key}:")))
    valid(data)


def test_the_table_hint_uncommented_is_valid(skeleton: str) -> None:
    data = yaml.safe_load(skeleton)
    data["nhiem_vu"]["muc"] += yaml.safe_load(commented_block(skeleton, "# - bang:"))
    valid(data)


def test_the_party_skeleton_is_a_party_plan(skeletons: dict[str, str]) -> None:
    """`new --dang` (issue 9): the_thuc: dang and the Party defaults of hd05-spec §11."""
    spec, report = validate_text(skeletons["dang"], Path("kh.yaml"))
    assert spec is not None and not report.items
    assert spec.the_thuc == "dang"
    assert spec.co_quan.chu_quan == ["ĐẢNG BỘ TỈNH ..."] and spec.co_quan.ten == ["ĐẢNG ỦY XÃ ..."]
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
