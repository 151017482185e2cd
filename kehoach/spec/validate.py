"""Validation: turn a loaded spec into a ``KeHoach`` or a list of located Vietnamese problems.

Two passes. The pydantic model reports every structural error and every one-value NĐ 30
rule at once; then, on a valid model, ``_warnings`` looks for what is only probably wrong
(a plan copied from last year, typed numbering, district-level bodies after 2025 …).
"""

from __future__ import annotations

import difflib
import re
import typing
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kehoach.document import Header
from kehoach.law.layout import page_setup, plan_header
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile
from kehoach.law.profiles import PROFILES
from kehoach.law.text import body_name_in_text, is_archive_line
from kehoach.spec.diagnostics import Diagnostic, Report, Severity
from kehoach.spec.loader import KeyPath, Loaded, format_path, load_file, load_text
from kehoach.spec.model import KeHoach, Muc, MucDichYeuCau, Phan, ToChucThucHien

_TYPE_MESSAGES = {
    "string_type": "phải là văn bản",
    "list_type": "phải là danh sách (mỗi phần tử một dòng bắt đầu bằng '- ')",
    "model_type": "phải là một nhóm khóa (các dòng 'khoa: giá trị' thụt lề bên dưới)",
    "model_attributes_type": "phải là một nhóm khóa (các dòng 'khoa: giá trị' thụt lề bên dưới)",
    "dict_type": "phải là một nhóm khóa (các dòng 'khoa: giá trị' thụt lề bên dưới)",
    "string_too_short": "không được để trống",
    "too_short": "không được để trống",
    "float_parsing": "phải là một số",
    "float_type": "phải là một số",
    "int_parsing": "phải là số nguyên",
    "int_type": "phải là số nguyên",
    "bool_parsing": "phải là có (true) hoặc không (false)",
}


def _model_at(path: KeyPath) -> type[BaseModel] | None:
    """The spec model class that owns the mapping at ``path`` (for key suggestions)."""
    model: type[BaseModel] | None = KeHoach
    for part in path:
        if model is None:
            return None
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        model = _find_model(field.annotation)
    return model


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, str):
        resolved = KeHoach.__module__
        module = __import__(resolved, fromlist=["x"])
        return _find_model(getattr(module, annotation, None))
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _clean_loc(loc: tuple[Any, ...]) -> KeyPath:
    return tuple(p for p in loc if isinstance(p, int) or (isinstance(p, str) and "[" not in p))


def _from_pydantic(error: Any, loaded: Loaded) -> Diagnostic:
    path = _clean_loc(error["loc"])
    kind = error["type"]
    ctx = error.get("ctx") or {}
    rule = hint = None
    if kind == "kehoach":
        message = error["msg"]
        rule, hint = ctx.get("rule"), ctx.get("hint")
        extra = ctx.get("field")
        if extra:
            path = (*path, *(extra if isinstance(extra, (list, tuple)) else [extra]))
        where = loaded.locate(path)
    elif kind == "missing":
        key = path[-1]
        message = f"thiếu khóa bắt buộc '{key}'"
        hint = f"thêm dòng '{key}: …' (xem docs/spec.md)"
        where = loaded.locate(path[:-1], key=True)
        path = (*path[:-1], key)
    elif kind == "extra_forbidden":
        key = str(path[-1])
        model = _model_at(path[:-1])
        message = f"khóa '{key}' không có trong mẫu kế hoạch"
        known = list(model.model_fields) if model else []
        close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
        if not close:
            close = difflib.get_close_matches(_ascii(key), known, n=1, cutoff=0.6)
        hint = (
            f"có phải ý bạn là '{close[0]}'?"
            if close
            else ("các khóa hợp lệ ở đây: " + ", ".join(known) if known else None)
        )
        where = loaded.locate(path, key=True)
    elif kind == "literal_error":
        message = f"giá trị '{error.get('input')}' không hợp lệ"
        hint = "chọn một trong: " + str(ctx.get("expected", "")).replace(" or ", ", ")
        where = loaded.locate(path)
    else:
        message = _TYPE_MESSAGES.get(kind, f"giá trị không hợp lệ ({error['msg']})")
        where = loaded.locate(path)
    return Diagnostic(Severity.ERROR, message, *where, format_path(path), rule, hint)


def _ascii(text: str) -> str:
    import unicodedata

    text = text.replace("đ", "d").replace("Đ", "D")
    return "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c)
    ).lower()


def _profile_of(data: dict[str, Any]) -> Profile:
    """The rule book the spec asks for (``the_thuc``); an unknown value is the model's error
    to report, and validation meanwhile runs under the default."""
    value = data.get("the_thuc")
    return PROFILES.get(value, ND30) if isinstance(value, str) else ND30


def validate_loaded(
    loaded: Loaded, profile: Profile | None = None
) -> tuple[KeHoach | None, Report]:
    """Validate ``loaded`` under ``profile`` (default: the one its ``the_thuc`` names)."""
    report = Report(loaded.file, list(loaded.diagnostics))
    if report.errors or loaded.data is None:
        return None, report
    if not isinstance(loaded.data, dict):
        report.items.append(
            Diagnostic(
                Severity.ERROR,
                "tệp phải là một nhóm khóa (co_quan:, trich_yeu:, …) ở cấp ngoài cùng",
                loaded.file,
                loaded.position(()),
                hint="chạy 'kehoach new' để xem tệp mẫu",
            )
        )
        return None, report
    if profile is None:
        profile = _profile_of(loaded.data)
    try:
        spec = KeHoach.model_validate(loaded.data, context={"profile": profile})
    except ValidationError as exc:
        for error in exc.errors():
            report.items.append(_from_pydantic(error, loaded))
            # A model validator may report several problems in one error (see NguoiKy).
            for extra in (error.get("ctx") or {}).get("more", []):
                report.items.append(
                    _from_pydantic(
                        {**error, "msg": extra["message"], "ctx": {**extra, "more": []}}, loaded
                    )
                )
        report.items = _merge_typos(report.items)
        return None, report
    report.items.extend(_warnings(spec, loaded, profile))
    spec._warnings = report.sorted()
    spec._source = loaded.file
    return spec, report


def _merge_typos(items: list[Diagnostic]) -> list[Diagnostic]:
    """`ho_tem:` is one mistake, not two: drop "missing ho_ten" when a typo suggests it."""
    suggested = set()
    for d in items:
        if d.hint and d.hint.startswith("có phải ý bạn là '"):
            parent = d.key_path.rsplit(".", 1)[0] if "." in d.key_path else ""
            key = d.hint.split("'")[1]
            suggested.add(f"{parent}.{key}" if parent else key)
    return [d for d in items if not (d.key_path in suggested and "thiếu khóa" in d.message)]


def validate_file(path: Path, profile: Profile | None = None) -> tuple[KeHoach | None, Report]:
    return validate_loaded(load_file(path), profile)


def validate_text(
    text: str, file: Path | None = None, profile: Profile | None = None
) -> tuple[KeHoach | None, Report]:
    return validate_loaded(load_text(text, file), profile)


# --- warnings -------------------------------------------------------------------------------

_TYPED_NUMBER = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])\s+")
_DISTRICT = re.compile(r"\b(HUYỆN|QUẬN|THỊ XÃ)\b")
_YEAR_IN_TEXT = re.compile(r"\bnăm (\d{4})\b")


def _warn(
    loaded: Loaded, path: KeyPath, message: str, rule: str | None = None, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING, message, *loaded.locate(path), format_path(path), rule, hint
    )


def _items(items: list[Muc], path: KeyPath, depth: int) -> Iterator[tuple[Muc, KeyPath, int]]:
    for i, item in enumerate(items):
        yield item, (*path, i), depth
        yield from _items(item.muc, (*path, i, "muc"), depth + 1)


def _parts(spec: KeHoach) -> Iterator[tuple[Phan, KeyPath]]:
    for key in ("muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien"):
        part = getattr(spec, key)
        if part is not None:
            yield part, (key,)
    for i, part in enumerate(spec.phan_khac):
        yield part, ("phan_khac", i)
    for i, big in enumerate(spec.phan):
        for j, section in enumerate(big.muc):
            yield section, ("phan", i, "muc", j)


def _warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    year = spec.ngay.nam
    names = " ".join([*(spec.co_quan.chu_quan or []), *spec.co_quan.ten])
    if _DISTRICT.search(names) and (year > 2025 or (year == 2025 and (spec.ngay.thang or 12) >= 7)):
        yield _warn(
            loaded,
            ("co_quan",),
            "từ 01/7/2025 chính quyền địa phương chỉ còn hai cấp (tỉnh, xã); tên cơ quan còn cấp huyện",
            "L-7",
            "kiểm tra lại tên cơ quan chủ quản và cơ quan ban hành",
        )
    summary = " ".join(spec.trich_yeu)
    if len(summary.split()) > 1 and summary == summary.upper():
        yield _warn(
            loaded,
            ("trich_yeu",),
            "trích yếu viết in hoa toàn bộ",
            "TL-2",
            "viết hoa chữ cái đầu và danh từ riêng, còn lại chữ thường, ví dụ: "
            + summary[:1]
            + summary[1:].lower(),
        )
    for i, line in enumerate(spec.trich_yeu):
        for match in _YEAR_IN_TEXT.finditer(line):
            planned = int(match.group(1))
            if planned < year or planned > year + 1:
                yield _warn(
                    loaded,
                    ("trich_yeu", i) if len(spec.trich_yeu) > 1 else ("trich_yeu",),
                    f"trích yếu nói năm {planned} nhưng ngày ban hành là năm {year}",
                    None,
                    "có thể tệp được sao từ kế hoạch năm trước: kiểm tra lại năm",
                )
    for i, basis in enumerate(spec.can_cu):
        if basis.startswith("Thực hiện"):
            yield _warn(
                loaded,
                ("can_cu", i),
                "dòng bắt đầu bằng 'Thực hiện' không phải căn cứ pháp lý",
                "CC-4",
                "chuyển dòng này sang khóa thuc_hien",
            )
        elif re.match(r"(Theo|Xét) đề nghị", basis):
            yield _warn(
                loaded,
                ("can_cu", i),
                "dòng 'Theo/Xét đề nghị của …' không phải căn cứ pháp lý",
                "CC-2",
                "chuyển dòng này sang khóa de_nghi",
            )
        elif not basis.startswith("Căn cứ"):
            yield _warn(
                loaded,
                ("can_cu", i),
                "căn cứ thường bắt đầu bằng 'Căn cứ'",
                "CC-2",
                "viết 'Căn cứ <loại văn bản> số … ngày … của … về …'",
            )
    for part, path in _parts(spec):
        yield from _typed_number(loaded, part.tieu_de or "", (*path, "tieu_de"))
        if not _has_content(part):
            yield _warn(
                loaded,
                path,
                "phần này chưa có nội dung; chỉ có tiêu đề được in ra",
                None,
                "thêm mo_dau, muc hoặc ket; hoặc xóa phần này",
            )
        # (items, key path, numbering level of the first item: 1 = "1.", 2 = "a)", 3 = "-")
        groups = [(part.muc, (*path, "muc"), 1)]
        if isinstance(part, MucDichYeuCau):
            groups += [
                (part.muc_dich, (*path, "muc_dich"), 3),
                (part.yeu_cau, (*path, "yeu_cau"), 3),
            ]
        if isinstance(part, ToChucThucHien):
            for j, assignment in enumerate(part.phan_cong):
                unit_path = (*path, "phan_cong", j)
                yield from _typed_number(loaded, assignment.don_vi, (*unit_path, "don_vi"))
                groups.append((assignment.muc, (*unit_path, "muc"), 2))
        walk = (x for items, base, level in groups for x in _items(items, base, level))
        for item, item_path, depth in walk:
            texts = [("tieu_de", item.tieu_de)] if item.tieu_de else []
            if item.noi_dung:
                key: str | int = "noi_dung"
                texts.append((key, item.noi_dung[0]))
            for key, text in texts:
                yield from _typed_number(loaded, text, (*item_path, key))
            if depth > 4:
                yield _warn(
                    loaded,
                    item_path,
                    "mục lồng quá 4 cấp (1. / a) / - / +); các cấp sâu hơn đều dùng dấu '+'",
                    "S-2",
                    "gộp bớt cấp để văn bản dễ đọc",
                )
    yield from _signer_warnings(spec, loaded, law)
    attached = spec.quyet_dinh is not None or spec.kem_theo is not None
    if attached and (spec.noi_nhan or spec.luu):
        yield _warn(
            loaded,
            ("noi_nhan",) if spec.noi_nhan else ("luu",),
            "kế hoạch ban hành kèm theo quyết định không có nơi nhận riêng; dòng này không được in",
            "NN-1",
            "ghi nơi nhận trong quyet_dinh.noi_nhan"
            if spec.quyet_dinh is not None
            else "bỏ noi_nhan, luu (nơi nhận ghi ở quyết định ban hành kế hoạch)",
        )
    if spec.quyet_dinh is not None:
        yield from _recipient_warnings(
            loaded, law, spec.quyet_dinh.noi_nhan, spec.quyet_dinh.luu, ("quyet_dinh",)
        )
    elif not attached:
        yield from _recipient_warnings(loaded, law, spec.noi_nhan, spec.luu, ())
    needs_name = spec.loi_dan is None or spec.ket_luan is None
    if needs_name and spec.co_quan.ten_goi is None and body_name_in_text(spec.co_quan.ten) is None:
        yield _warn(
            loaded,
            ("co_quan",),
            "không tự suy ra được cách gọi cơ quan trong câu văn (lời dẫn, đoạn kết mặc định)",
            "VH-9",
            "thêm co_quan.ten_goi, ví dụ: ten_goi: Sở Giáo dục và Đào tạo",
        )
    header = plan_header(law, _page(spec, law), _header(spec, law))
    if not header.date_fits:
        yield _warn(
            loaded,
            ("dia_danh",),
            "địa danh dài: dòng địa danh, ngày tháng sẽ xuống dòng dù đã giảm còn cỡ"
            f" {law.sizes.place_date.low:g}",
            "DD-8",
            "kiểm tra lại địa danh (tên đơn vị hành chính nơi cơ quan đóng trụ sở)",
        )
    if "Hồ Chí Minh" in spec.dia_danh and not spec.dia_danh.startswith("Thành phố"):
        yield _warn(
            loaded,
            ("dia_danh",),
            "địa danh mang tên người phải ghi đủ",
            "DD-7",
            "viết 'Thành phố Hồ Chí Minh'",
        )
    if not any(True for _ in _parts(spec)):
        yield _warn(
            loaded,
            (),
            "kế hoạch chưa có phần nội dung nào",
            None,
            "thêm muc_dich_yeu_cau, nhiem_vu, to_chuc_thuc_hien",
        )


def _page(spec: KeHoach, law: Profile):  # type: ignore[no-untyped-def]
    layout = spec.trinh_bay
    return page_setup(
        law,
        top=layout.le_tren,
        bottom=layout.le_duoi,
        left=layout.le_trai,
        right=layout.le_phai,
        body_size=layout.co_chu,
    )


def _recipient_warnings(
    loaded: Loaded, law: Profile, entries: list[str], luu: str | None, base: KeyPath
) -> Iterator[Diagnostic]:
    """NN-2, NN-3 on a list of recipients (the plan's, or its Quyết định's)."""
    keep_lines = [i for i, r in enumerate(entries) if is_archive_line(r, law)]
    if len(entries) == len(keep_lines):
        yield _warn(
            loaded,
            (*base, "noi_nhan"),
            "chưa có nơi nhận nào ngoài 'Lưu'",
            "NN-2",
            "liệt kê các cơ quan, đơn vị nhận văn bản",
        )
    if keep_lines and luu:
        yield _warn(
            loaded,
            (*base, "luu"),
            "đã có dòng 'Lưu' trong noi_nhan nên khóa luu không được dùng",
            "NN-3",
            "giữ một trong hai: dòng 'Lưu: …' trong noi_nhan hoặc khóa luu",
        )
    for i in keep_lines[:-1]:
        yield _warn(
            loaded,
            (*base, "noi_nhan", i),
            "có nhiều dòng 'Lưu'; chỉ dòng cuối cùng được dùng",
            "NN-3",
            "gộp thành một dòng, ví dụ 'Lưu: VT, VP'",
        )


def _header(spec: KeHoach, law: Profile) -> Header:
    """The header texts exactly as compose writes them, for the layout pass."""
    if spec.quyet_dinh is not None or spec.kem_theo is not None:  # attached: no number, date
        return Header(list(spec.co_quan.chu_quan or []), list(spec.co_quan.ten), None, None)
    return Header(
        superior=list(spec.co_quan.chu_quan or []),
        body=list(spec.co_quan.ten),
        number_line=law.number_line(spec.so, spec.ky_hieu or law.symbol(spec.co_quan.viet_tat)),
        place_date=law.place_date_line(
            spec.dia_danh, spec.ngay.nam, spec.ngay.thang, spec.ngay.ngay
        ),
    )


def _signer_warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """§9: what ``check`` reports on the signature block, said about the spec first."""
    signer = spec.nguoi_ky
    title = law.academic_title(signer.ho_ten)
    if title:
        yield _warn(
            loaded,
            ("nguoi_ky", "ho_ten"),
            f"không ghi học hàm, học vị ('{title}') trước họ tên người ký",
            "KY-3",
            "chỉ ghi họ và tên, ví dụ: Nguyễn Văn A",
        )
    name = signer.ho_ten
    if len(name.split()) > 1 and name == name.upper():
        yield _warn(
            loaded,
            ("nguoi_ky", "ho_ten"),
            f"họ tên người ký '{name}' viết in hoa toàn bộ",
            "KY-2",
            "viết hoa chữ cái đầu mỗi âm tiết, ví dụ: "
            + " ".join(w.capitalize() for w in name.lower().split()),
        )
    if signer.ky_thay and not signer.chuc_vu.startswith(("PHÓ", "THỨ")):
        yield _warn(
            loaded,
            ("nguoi_ky", "chuc_vu"),
            f"người ký thay (KT. {signer.ky_thay}) thường là cấp phó,"
            f" nhưng chức vụ là '{signer.chuc_vu}'",
            "KT-1",
            "kiểm tra lại chức vụ của người ký",
        )
    chain = tuple(
        prefix.rstrip(".") for key, prefix in law.authority_prefixes if getattr(signer, key)
    )
    if "TUQ" in chain and "KT" in chain:
        yield _warn(
            loaded,
            ("nguoi_ky", "ky_thay"),
            "người được ủy quyền (TUQ.) không được ủy quyền lại, nên không dùng kèm KT.",
            "KT-4",
        )
    elif chain not in law.authority_chains:
        shown = " → ".join(p + "." for p in chain)
        yield _warn(
            loaded,
            ("nguoi_ky",),
            f"kết hợp thẩm quyền ký {shown} ít gặp; {law.law_short} chỉ nêu TM. → KT. và TL. → KT.",
            "KT-5",
            "kiểm tra lại các khóa thay_mat, thua_lenh, thua_uy_quyen, ky_thay, quyen",
        )
    body = " ".join(spec.co_quan.ten)
    if law.is_collective_body(body) and "TM" not in chain and "TL" not in chain:
        yield _warn(
            loaded,
            ("nguoi_ky",),
            f"{body} là cơ quan làm việc theo chế độ tập thể: thường ký 'TM.'",
            "KT-6",
            "thêm thay_mat: " + spec.co_quan.ten[0],
        )
    if law.is_head_based_body(body) and "TM" in chain:
        yield _warn(
            loaded,
            ("nguoi_ky", "thay_mat"),
            "cơ quan làm việc theo chế độ thủ trưởng không ký 'TM.'",
            "KT-6",
            "bỏ thay_mat; cấp phó ký thì dùng ky_thay",
        )


def _has_content(part: Phan) -> bool:
    extra = []
    if isinstance(part, MucDichYeuCau):
        extra = [*part.muc_dich, *part.yeu_cau]
    if isinstance(part, ToChucThucHien):
        extra = [*extra, *part.phan_cong]
    return bool(part.mo_dau or part.muc or part.ket or extra)


def _typed_number(loaded: Loaded, text: str, path: KeyPath) -> Iterator[Diagnostic]:
    if _TYPED_NUMBER.match(text):
        yield _warn(
            loaded,
            path,
            f"văn bản bắt đầu bằng số thứ tự gõ tay ('{text.split()[0]}'); kehoach tự đánh số",
            "S-1",
            "xóa số thứ tự ở đầu dòng",
        )
