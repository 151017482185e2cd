"""``run_check``: readable Vietnamese report, JSON for scripts, exit statuses."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from check_corpus import Opts, build, clone, save
from rich.console import Console

from kehoach.check import UnreadableDocx, check_docx
from kehoach.check.report import run_check


def console() -> tuple[Console, io.StringIO]:
    buf = io.StringIO()
    return Console(file=buf, width=200, color_system=None), buf


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("report")
    bad_margins = clone(Opts(), margins_mm={"top": 20, "bottom": 20, "left": 25, "right": 15})
    not_docx = root / "ghi-chu.docx"
    not_docx.write_text("đây không phải tệp Word", encoding="utf-8")
    old_doc = root / "cu.doc"
    old_doc.write_bytes(b"\xd0\xcf\x11\xe0 old binary")
    return {
        "ok": save(build(), root / "dat.docx"),
        "bad": save(build(bad_margins), root / "sai-le.docx"),
        "warn": save(
            build(clone(Opts(), body=[t.replace("b) Phân", "c) Phân") for t in Opts().body])),
            root / "canh-bao.docx",
        ),
        "notdocx": not_docx,
        "doc": old_doc,
        "missing": root / "khong-co.docx",
    }


def test_ok_file_returns_zero_and_says_so(files: dict[str, Path]) -> None:
    con, buf = console()
    assert run_check([files["ok"]], as_json=False, console=con) == 0
    assert "Đạt thể thức NĐ 30" in buf.getvalue()


def test_warnings_alone_return_zero(files: dict[str, Path]) -> None:
    con, buf = console()
    assert run_check([files["warn"]], as_json=False, console=con) == 0
    assert "[S-4]" in buf.getvalue()


def test_error_returns_one_and_cites_rule_and_place(files: dict[str, Path]) -> None:
    con, buf = console()
    assert run_check([files["ok"], files["bad"]], as_json=False, console=con) == 1
    out = buf.getvalue()
    assert "[P-3] Lề trái 25 mm; NĐ 30 yêu cầu 30–35 mm." in out
    assert "Vị trí: thiết lập trang" in out
    assert "KHÔNG ĐẠT" in out


def test_json_output_shape(files: dict[str, Path]) -> None:
    con, buf = console()
    assert run_check([files["ok"], files["bad"]], as_json=True, console=con) == 1
    data = json.loads(buf.getvalue())
    assert [d["ok"] for d in data] == [True, False]
    assert data[0]["file"].endswith("dat.docx")
    assert data[1]["findings"] == [
        {
            "rule": "P-3",
            "severity": "error",
            "message": "Lề trái 25 mm; NĐ 30 yêu cầu 30–35 mm.",
            "where": "thiết lập trang",
        }
    ]


@pytest.mark.parametrize("key", ["notdocx", "doc", "missing"])
def test_unreadable_input_is_a_vietnamese_error_without_traceback(
    files: dict[str, Path], key: str
) -> None:
    con, buf = console()
    assert run_check([files[key], files["ok"]], as_json=False, console=con) == 2
    out = buf.getvalue()
    assert "không kiểm tra được" in out
    assert "Traceback" not in out


def test_unreadable_input_in_json(files: dict[str, Path]) -> None:
    con, buf = console()
    assert run_check([files["notdocx"]], as_json=True, console=con) == 2
    (entry,) = json.loads(buf.getvalue())
    assert entry["ok"] is False and "không phải tệp .docx" in entry["error"]


def test_check_docx_raises_unreadable(files: dict[str, Path]) -> None:
    with pytest.raises(UnreadableDocx, match="Word 97–2003"):
        check_docx(files["doc"])


def test_zip_that_is_not_a_word_package_is_explained(tmp_path: Path) -> None:
    import zipfile

    broken = tmp_path / "hong.docx"
    with zipfile.ZipFile(broken, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    with pytest.raises(UnreadableDocx) as caught:
        check_docx(broken)
    message = str(caught.value)
    assert "lưu lại dạng .docx" in message
    assert "There is no item" not in message


def test_KT6_by_order_signature_of_a_collective_is_not_warned(tmp_path: Path) -> None:
    import kehoach
    from kehoach.spec.validate import validate_text

    text = (Path(__file__).resolve().parents[2] / "examples" / "phu-phong-2024.yaml").read_text(
        "utf-8"
    )
    text = text.replace(
        "  thay_mat: ỦY BAN NHÂN DÂN\n  ky_thay: CHỦ TỊCH\n  chuc_vu: PHÓ CHỦ TỊCH",
        "  thua_lenh: CHỦ TỊCH\n  chuc_vu: CHÁNH VĂN PHÒNG",
    )
    spec, report = validate_text(text)
    assert spec is not None and not report.warnings
    findings = check_docx(kehoach.render(spec, tmp_path / "tl.docx"))
    assert [f.rule for f in findings if f.rule.startswith("KT")] == []
