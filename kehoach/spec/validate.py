"""Validation: turn a loaded spec into a ``KeHoach`` or a list of located Vietnamese problems.

Two passes. The pydantic model reports every structural error and every one-value NĐ 30
rule at once; then, on a valid model, ``_warnings`` looks for what is only probably wrong
(a plan copied from last year, typed numbering, district-level bodies after 2025 …).
"""

from __future__ import annotations

import dataclasses
import difflib
import re
import typing
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from kehoach.document import Header
from kehoach.law import breaks
from kehoach.law.hd05 import HD05
from kehoach.law.layout import HeaderLayout, TitleLayout, page_setup, plan_header, plan_title
from kehoach.law.nd30 import ND30
from kehoach.law.numbering import DASHES, PART_ITEMS, POINT, SCHEMES, form_at, is_title
from kehoach.law.profile import Profile
from kehoach.law.profiles import PROFILES
from kehoach.law.text import (
    attached_issuer,
    body_name_guess,
    body_name_in_text,
    collective_name,
    is_archive_line,
    place_without_unit,
    upper_vi,
)
from kehoach.spec.diagnostics import Diagnostic, Position, Report, Severity
from kehoach.spec.headers import decision_header_of, plan_header_of
from kehoach.spec.loader import (
    NO_SPACE_DASH,
    KeyPath,
    Loaded,
    format_path,
    load_file,
    load_text,
)
from kehoach.spec.model import (
    Bang,
    KeHoach,
    Muc,
    MucDichYeuCau,
    NguoiKy,
    Phan,
    ToChucThucHien,
    collective_positions,
    is_party,
    rule_id,
)

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


def _clean_loc(loc: tuple[Any, ...], data: Any) -> KeyPath:
    """pydantic's location as the user's key path: its own steps (a union member, a
    validator: "function-after[…]") dropped, a key the user typed kept even with a "["."""
    out: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(part, int):
            out.append(part)
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
        elif isinstance(node, dict) and part in node:
            out.append(part)
            node = node[part]
        elif isinstance(part, str) and "[" not in part:
            out.append(part)
            node = None
    return tuple(out)


def _from_pydantic(error: Any, loaded: Loaded) -> Diagnostic:
    path = _clean_loc(error["loc"], loaded.data)
    kind = error["type"]
    ctx = error.get("ctx") or {}
    rule = hint = None
    if kind == "kehoach":
        message = error["msg"]
        rule, hint = ctx.get("rule"), ctx.get("hint")
        extra = ctx.get("field")
        if extra:
            path = (*path, *(extra if isinstance(extra, (list, tuple)) else [extra]))
        where = _locate(loaded, path)
    elif kind == "missing":
        key = path[-1]
        message = f"thiếu khóa bắt buộc '{key}'"
        hint = f"thêm dòng '{key}: …' (xem: kehoach huong-dan {key})"
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
        given = error.get("input")
        if kind == "list_type" and isinstance(given, str) and NO_SPACE_DASH.match(given):
            # "-Treo băng rôn": without a space after "-" YAML reads text, not an item.
            message += f": dòng «{given[:40]}» thiếu dấu cách sau dấu '-'"
            hint = f"viết '- {given[1:].strip()[:40]}' (dấu '-', một dấu cách, rồi nội dung)"
    return Diagnostic(Severity.ERROR, message, *where, format_path(path), rule, hint)


def _locate(loaded: Loaded, path: KeyPath) -> tuple[Path | None, Position | None]:
    """Where a problem about ``path`` is shown: its value; for a key the spec does not have
    (a missing chuc_vu), the block it belongs in (the `nguoi_ky:` line), not the first key of
    that block."""
    if path and path not in loaded.value_pos and isinstance(path[-1], str):
        parent = path[:-1]
        if not parent or parent in loaded.value_pos:
            return loaded.locate(parent, key=True) if parent else loaded.locate(())
    return loaded.locate(path)


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
    if not is_party(profile):
        # D-NB-9: said even when the spec has errors, which are often its Party forms.
        report.items.extend(_looks_like_party(loaded, profile))
    # Before the model, on the data as written: what it would read silently.
    placeholders = _placeholders(loaded, loaded.data, ())
    written = _as_named_by(profile, [*placeholders, *_several_in_one(loaded)])
    report.items.extend(written)
    try:
        spec = KeHoach.model_validate(loaded.data, context={"profile": profile})
    except ValidationError as exc:
        errors = []
        for error in exc.errors():
            errors.append(_from_pydantic(error, loaded))
            # A model validator may report several problems in one error (see NguoiKy).
            for extra in (error.get("ctx") or {}).get("more", []):
                errors.append(
                    _from_pydantic(
                        {**error, "msg": extra["message"], "ctx": {**extra, "more": []}}, loaded
                    )
                )
        report.items.extend(_as_named_by(profile, _besides(placeholders, errors)))
        report.items = _merge_typos(report.items)
        return None, report
    if any(d.severity is Severity.ERROR for d in written):
        return None, report
    report.items.extend(_as_named_by(profile, _warnings(spec, loaded, profile)))
    spec._warnings = report.sorted()
    spec._source = loaded.file
    return spec, report


def _as_named_by(profile: Profile, items: typing.Iterable[Diagnostic]) -> list[Diagnostic]:
    """The diagnostics under the rule IDs ``profile`` uses (hd05-spec §10: a Party plan reads
    the shared NĐ 30 checks under their ``D-`` IDs)."""
    return [dataclasses.replace(d, rule=rule_id(profile, d.rule)) for d in items]


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


# --- what the text as written says (before the model) ----------------------------------------

# Placeholders of `kehoach new`'s skeletons (templates/moi*.yaml.j2, kehoach/scaffold.py): an
# ellipsis standing for text still to write ("XÃ ...", "ngày ... ;", ".../KH-UBND"). One
# attached to a word ("v.v..."), in quotes or brackets (“…”: words left out of a quotation)
# or after a comma ("A, B, …": and so on) is text.
_ELLIPSIS = re.compile(r"(?<![^\s/])(\.{3,}|…)(?![^\s;,.:)/])")
# Whole values that are the skeleton's samples, by how they read (case and spaces aside).
# ("Nguyễn Văn A" is not one: examples print it as the name of a signer left out.)
_SAMPLE_VALUES = {
    "địa danh": "ghi địa danh nơi cơ quan đóng trụ sở, ví dụ: An Phú",
    "họ và tên": "ghi họ và tên người ký",
    "họ tên": "ghi họ và tên người ký",
}
_SAMPLE_MAX = 2 * max(map(len, _SAMPLE_VALUES))  # spaces typed in a sample aside


def _placeholders(loaded: Loaded, data: Any, path: KeyPath) -> list[Diagnostic]:
    """Every value that still holds a skeleton placeholder: an error at its key, marked
    ``placeholder`` (issue 10: an untouched skeleton must not render "XÃ ..." or "ngày;")."""
    found: list[Diagnostic] = []
    _gather_placeholders(loaded, data, path, found)
    return found


def _gather_placeholders(loaded: Loaded, data: Any, path: KeyPath, found: list[Diagnostic]) -> None:
    if isinstance(data, dict):
        entries: Iterable[tuple[str | int, Any]] = data.items()
    elif isinstance(data, list):
        entries = enumerate(data)
    else:
        problem = _placeholder(loaded, data, path)
        if problem is not None:
            found.append(problem)
        return
    for key, value in entries:
        if isinstance(value, str):
            if len(value) > _SAMPLE_MAX and "..." not in value and "…" not in value:
                continue  # most text: neither an ellipsis nor short enough to be a sample
            problem = _placeholder(loaded, value, (*path, key))
            if problem is not None:
                found.append(problem)
        elif value is not None:
            _gather_placeholders(loaded, value, (*path, key), found)


def _placeholder(loaded: Loaded, data: Any, path: KeyPath) -> Diagnostic | None:
    """The error for one value, if it is a skeleton placeholder."""
    if isinstance(data, str):
        text = unicodedata.normalize("NFC", " ".join(data.split()))
        sample = _SAMPLE_VALUES.get(text.casefold())
        dots = [m for m in _ELLIPSIS.finditer(text) if not text[: m.start()].rstrip().endswith(",")]
        if sample is None and not dots:
            return None
        if sample is not None:
            message = f"'{text}' vẫn là chữ mẫu của tệp mẫu, chưa được thay"
            hint = sample
        else:
            dot = dots[0]
            start = max(0, dot.start() - 45)
            if start and not text[start - 1].isspace():  # from a word's start
                start = text.find(" ", start) + 1
            shown = ("…" if start else "") + text[start : dot.end() + 15]
            shown += "…" if dot.end() + 15 < len(text) else ""
            message = f"'{shown}' vẫn là chữ mẫu: còn chỗ trống '{dot.group(0)}' chưa điền"
            hint = f"thay '{dot.group(0)}' bằng nội dung thật (hoặc xóa dòng này nếu không dùng)"
        where = loaded.locate(path)
        return Diagnostic(
            Severity.ERROR, message, *where, format_path(path), None, hint, placeholder=True
        )
    return None


def _besides(placeholders: list[Diagnostic], errors: list[Diagnostic]) -> list[Diagnostic]:
    """The model's errors, less those about a value already named a placeholder."""
    named = {d.key_path for d in placeholders}

    def about_placeholder(d: Diagnostic) -> bool:
        return any(d.key_path == k or d.key_path.startswith((k + ".", k + "[")) for k in named)

    return [d for d in errors if not about_placeholder(d)]


# NN-2, CC-1: keys that take one entry a line, as a list; one text holding several entries
# is read, and printed, as one.
_ONE_A_LINE = {
    ("noi_nhan",): "nơi nhận",
    ("quyet_dinh", "noi_nhan"): "nơi nhận",
    ("can_cu",): "căn cứ",
    ("quyet_dinh", "can_cu"): "căn cứ",
    ("thuc_hien",): "căn cứ",
    ("de_nghi",): "căn cứ",
    ("quyet_dinh", "de_nghi"): "căn cứ",
}
# CC-1: a second basis inside one line ("Căn cứ Luật …; Căn cứ Nghị định …").
_NEXT_BASIS = re.compile(r"[;,.]\s*((Căn cứ|Thực hiện|Theo đề nghị|Xét đề nghị)\s)")


def _several_in_one(loaded: Loaded) -> Iterator[Diagnostic]:
    """NN-2, CC-1: several recipients or bases typed as one text (`noi_nhan: UBND huyện,
    Thường trực Đảng ủy`), which would print as one line: said at that text."""
    for path, what in _ONE_A_LINE.items():
        value: Any = loaded.data
        for key in path:
            value = value.get(key) if isinstance(value, dict) else None
        entries = [((), value)] if isinstance(value, str) else []
        if isinstance(value, list):
            entries = [((i,), v) for i, v in enumerate(value) if isinstance(v, str)]
        for index, text in entries:
            where = (*path, *index)
            if what == "nơi nhận":
                yield from _recipients_in_one(loaded, where, text, listed=bool(index))
            else:
                match = _NEXT_BASIS.search(text)
                if match:
                    yield _error(
                        loaded,
                        where,
                        f"một dòng có hai căn cứ ('… {match.group(1)}…'): kehoach in cả dòng"
                        " thành một căn cứ, dấu ';' chỉ ở cuối",
                        "CC-1",
                        "tách thành danh sách, mỗi căn cứ một dòng bắt đầu bằng '- '",
                    )


def _recipients_in_one(
    loaded: Loaded, path: KeyPath, text: str, *, listed: bool
) -> Iterator[Diagnostic]:
    body = text.strip().rstrip(";,. ")
    parts = [part.strip() for part in body.split(";") if part.strip()]
    example = " ".join(f"'  - {part}'" for part in parts[:2])
    if len(parts) > 1:
        yield _error(
            loaded,
            path,
            f"'{body[:60]}' có {len(parts)} nơi nhận trong một dòng nhưng sẽ được in thành một"
            " nơi nhận",
            "NN-2",
            "viết dạng danh sách, mỗi nơi nhận một dòng bắt đầu bằng '- ', ví dụ: noi_nhan: rồi"
            f" {example}",
        )
    elif not listed and "," in body:
        parts = [part.strip() for part in body.split(",") if part.strip()]
        example = " ".join(f"'  - {part}'" for part in parts[:2])
        yield _warn(
            loaded,
            path,
            f"noi_nhan là một dòng văn bản có dấu ',' nên được in thành MỘT nơi nhận:"
            f" '- {body[:60]};'",
            "NN-2",
            f"nếu là nhiều nơi nhận: viết dạng danh sách, mỗi nơi một dòng, ví dụ: noi_nhan: rồi"
            f" {example}; nếu đúng là một nơi nhận: viết dạng danh sách một dòng"
            f" ('  - {body[:40]}') để cảnh báo không còn",
        )


def _error(
    loaded: Loaded, path: KeyPath, message: str, rule: str | None = None, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, *loaded.locate(path), format_path(path), rule, hint)


# --- warnings -------------------------------------------------------------------------------

_TYPED_NUMBER = re.compile(r"^\s*(?:[IVXLC]+\.|\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-+•])\s+")
_DISTRICT = re.compile(r"\b(HUYỆN|QUẬN|THỊ XÃ)\b")
_YEAR_IN_TEXT = re.compile(r"\bnăm (\d{4})\b")
# A later year named as a horizon, not the plan's own year: "… đến năm 2030", "tầm nhìn
# (đến) năm 2045", "định hướng năm 2030".
_HORIZON = re.compile(r"\b(đến|tới|hết|tầm nhìn|định hướng)\s+$", re.IGNORECASE)


def _warn(
    loaded: Loaded, path: KeyPath, message: str, rule: str | None = None, hint: str | None = None
) -> Diagnostic:
    return Diagnostic(
        Severity.WARNING, message, *loaded.locate(path), format_path(path), rule, hint
    )


def _words_cut(
    spec: KeHoach, loaded: Loaded, header: HeaderLayout, title: TitleLayout
) -> Iterator[Diagnostic]:
    """CQ-4, TL-2: a printed line break that cuts a word of several syllables ("ỦY" / "BAN
    NHÂN DÂN"), in the lines the writer prints (``header``, the trích yếu laid out as the
    writer lays it): a break the clerk chose, or kehoach's where no other fits. check reads
    the same lines back and says the same."""
    for path, rule, what, given, printed in (
        (
            ("co_quan", "chu_quan"),
            "CQ-4",
            "tên cơ quan chủ quản",
            spec.co_quan.chu_quan,
            header.superior,
        ),
        (("co_quan", "ten"), "CQ-4", "tên cơ quan", spec.co_quan.ten, header.body),
        (("trich_yeu",), "TL-2", "trích yếu", spec.trich_yeu, title.summary),
    ):
        for k, weight in enumerate(breaks.break_weights(printed)):
            if weight < breaks.SPLIT_WORD:
                continue
            cut = f"«{printed[k].split()[-1]} / {printed[k + 1].split()[0]}»"
            hand = _hand_break(given or [], printed[k], printed[k + 1])
            if hand is not None:
                yield _warn(
                    loaded,
                    (*path, hand),
                    f"{what} xuống dòng giữa một từ: {cut}",
                    rule,
                    "viết cả dòng này nối với dòng trên (kehoach tự ngắt dòng, không cắt đôi"
                    " từ), hoặc xuống dòng trước hay sau cả từ",
                )
            else:
                yield _warn(
                    loaded,
                    path,
                    f"{what} quá dài so với chỗ dành cho nó, phải xuống dòng giữa một từ: {cut}",
                    rule,
                    "tự chia dòng (viết thành danh sách các dòng, mỗi dòng ngắt sau một từ trọn"
                    " vẹn) hoặc rút gọn",
                )


def _hand_break(given: list[str], above: str, below: str) -> int | None:
    """The index of the clerk's line that starts right after the printed line ``above``,
    when the break before it is the clerk's (the printed lines may split a long given line
    further)."""
    for j in range(1, len(given)):
        if (
            given[j - 1].split()[-1:] == above.split()[-1:]
            and given[j].split()[:1] == below.split()[:1]
        ):
            return j
    return None


def _tables(spec: KeHoach) -> Iterator[tuple[Bang, KeyPath]]:
    """Every table of the plan, with its key path."""
    parts: list[tuple[KeyPath, list[Muc]]] = []
    for key in ("muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien"):
        part = getattr(spec, key)
        if part is not None:
            parts.append(((key, "muc"), part.muc))
    parts += [(("phan_khac", i, "muc"), p.muc) for i, p in enumerate(spec.phan_khac)]
    for i, big in enumerate(spec.phan):
        parts += [(("phan", i, "muc", j, "muc"), s.muc) for j, s in enumerate(big.muc)]
    for i, appendix in enumerate(spec.phu_luc):
        if appendix.bang is not None:
            yield appendix.bang, ("phu_luc", i, "bang")
        parts.append((("phu_luc", i, "muc"), appendix.muc))
    for path, items in parts:
        for item, item_path, _ in _items(items, path, 0):
            if item.bang is not None:
                yield item.bang, (*item_path, "bang")


def _shape_warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """Shapes that render but that check would then refuse (P-2, DD-1, ND-2)."""
    for i, appendix in enumerate(spec.phu_luc):
        has_table = appendix.bang is not None or any(
            item.bang is not None for item, _, _ in _items(appendix.muc, (), 0)
        )
        if appendix.ngang and not has_table:
            yield _warn(
                loaded,
                ("phu_luc", i, "ngang"),
                "phụ lục in khổ ngang nhưng không có bảng: NĐ 30 chỉ cho in ngang khi có bảng,"
                " biểu",
                "P-2",
                "bỏ 'ngang: true', hoặc đưa bảng vào phụ lục này",
            )
    if "," in spec.dia_danh:
        yield _warn(
            loaded,
            ("dia_danh",),
            f"địa danh '{spec.dia_danh}' có dấu phẩy: dòng địa danh sẽ thành"
            f" '{spec.dia_danh}, ngày …', có hai dấu phẩy",
            "DD-1",
            "chỉ ghi tên xã, phường (hoặc tỉnh) nơi cơ quan đóng trụ sở, ví dụ: "
            + spec.dia_danh.split(",")[0].strip(),
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
            (
                "viết chữ thường, trừ danh từ riêng (kehoach tự viết thường chữ cái đầu),"
                " ví dụ: " + summary.lower()
                if law.summary_lowercase
                else "viết hoa chữ cái đầu và danh từ riêng, còn lại chữ thường, ví dụ: "
                + summary[:1]
                + summary[1:].lower()
            ),
        )
    for i, line in enumerate(spec.trich_yeu):
        for match in _YEAR_IN_TEXT.finditer(line):
            planned = int(match.group(1))
            if planned > year and _HORIZON.search(line[: match.start()]):
                continue  # "định hướng đến năm 2030", "tầm nhìn đến năm 2045": a horizon
            if planned < year or planned > year + 1:
                yield _warn(
                    loaded,
                    ("trich_yeu", i) if len(spec.trich_yeu) > 1 else ("trich_yeu",),
                    f"trích yếu nói năm {planned} nhưng ngày ban hành là năm {year}",
                    None,
                    "có thể tệp được sao từ kế hoạch năm trước: kiểm tra lại năm",
                )
    for i, basis in enumerate(spec.can_cu):
        if law.legal_basis_dash:  # D-CC-1: kehoach writes the "- " a clerk may have typed
            basis = re.sub(r"^[-–]\s*", "", basis)
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
        # (items, key path, numbering level of the first item: 1 = "1.", 2 = "a)", 3 = "-";
        # the label forms compose gives them, from the first item's)
        forms = PART_ITEMS[part.danh_so] if part.danh_so else SCHEMES[spec.danh_so].items
        groups = [(part.muc, (*path, "muc"), 1, forms)]
        if isinstance(part, MucDichYeuCau):
            groups += [
                (part.muc_dich, (*path, "muc_dich"), 3, DASHES),
                (part.yeu_cau, (*path, "yeu_cau"), 3, DASHES),
            ]
        if isinstance(part, ToChucThucHien):
            for j, assignment in enumerate(part.phan_cong):
                unit_path = (*path, "phan_cong", j)
                yield from _typed_number(loaded, assignment.don_vi, (*unit_path, "don_vi"))
                groups.append((assignment.muc, (*unit_path, "muc"), 2, forms[1:]))
        walk = (
            (*x, level, group_forms)
            for items, base, level, group_forms in groups
            for x in _items(items, base, level)
        )
        for item, item_path, depth, level, group_forms in walk:
            if item.tieu_de and form_at(group_forms, depth - level) == POINT:
                yield from _point_title(loaded, law, item.tieu_de, (*item_path, "tieu_de"))
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
    yield from _shape_warnings(spec, loaded, law)
    if is_party(law):
        yield from _party_warnings(spec, loaded, law)
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
            # The guess compose writes meanwhile, to confirm or correct.
            f"thêm co_quan.ten_goi (đang tạm viết '{body_name_guess(spec.co_quan.ten)}'), ví dụ:"
            " ten_goi: "
            + ("Ban Thường vụ Đảng ủy xã An Phú" if is_party(law) else "Trung tâm Y tế xã An Phú"),
        )
    page = _page(spec, law)
    header = plan_header(law, page, _header(spec, law))
    yield from _words_cut(spec, loaded, header, plan_title(law, page, spec.trich_yeu))
    if not header.date_fits:
        # What the writer draws (law/layout.py): the line at the smaller size, wrapped.
        size = law.sizes.place_date
        yield _warn(
            loaded,
            ("dia_danh",),
            "địa danh dài: dòng địa danh, ngày tháng sẽ xuống dòng"
            + (f" dù đã giảm còn cỡ {size.low:g}" if size.low < size.value else ""),
            "DD-8",
            _date_line_fix(spec, law),
        )
    unit_missing = place_without_unit(spec.dia_danh, law)
    if unit_missing is not None:
        yield _warn(loaded, ("dia_danh",), unit_missing[0], "DD-7", unit_missing[1])
    if not any(True for _ in _parts(spec)):
        yield _warn(
            loaded,
            (),
            "kế hoạch chưa có phần nội dung nào",
            None,
            "thêm muc_dich_yeu_cau, nhiem_vu, to_chuc_thuc_hien",
        )


def _date_line_fix(spec: KeHoach, law: Profile) -> str:
    """DD-8: a change that makes the date line fit, measured by the same layout; the place
    itself stays as DD-7 requires ("Thành phố Hồ Chí Minh" cannot be shortened)."""
    layout = spec.trinh_bay
    if layout.le_trai is not None or layout.le_phai is not None:
        default = page_setup(
            law, top=layout.le_tren, bottom=layout.le_duoi, body_size=layout.co_chu
        )
        if plan_header(law, default, _header(spec, law)).date_fits:
            margins = law.margins
            return (
                f"giảm lề để cột ngày tháng rộng hơn: le_trai: {margins.left.value:g},"
                f" le_phai: {margins.right.value:g} (mặc định); địa danh giữ nguyên"
            )
    if is_party(law) and spec.dia_danh.startswith("Thành phố "):
        short = "TP. " + spec.dia_danh[len("Thành phố ") :]
        place_date = law.place_date_line(short, spec.ngay.nam, spec.ngay.thang, spec.ngay.ngay)
        header = dataclasses.replace(_header(spec, law), place_date=place_date)
        if plan_header(law, _page(spec, law), header).date_fits:
            return f"viết tắt: dia_danh: {short} ({law.law_short} cho phép viết tắt TP., D-DD-5)"
    return "kiểm tra lại địa danh (tên đơn vị hành chính nơi cơ quan đóng trụ sở)"


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
    """NN-2, NN-3 on a list of recipients (the plan's, or its Quyết định's); D-NN-5 in a
    Party plan, whose archive line reads "Lưu Văn phòng Đảng ủy"."""
    party = is_party(law)
    keep_lines = [i for i, r in enumerate(entries) if is_archive_line(r, law)]
    example = law.archive_line("VP" if not party else "")[2:-1]  # "Lưu: VT, VP"
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
            f"giữ một trong hai: dòng '{law.archive_word}{'' if party else ':'} …' trong"
            " noi_nhan hoặc khóa luu",
        )
    for i in keep_lines[:-1]:
        yield _warn(
            loaded,
            (*base, "noi_nhan", i),
            "có nhiều dòng 'Lưu'; chỉ dòng cuối cùng được dùng",
            "NN-3",
            f"gộp thành một dòng, ví dụ '{example}'",
        )


def _header(spec: KeHoach, law: Profile) -> Header:
    """The header with the date line, for the layout pass: the plan's, or its Quyết định's
    when the plan is attached to one in the same file (the only date line printed)."""
    return decision_header_of(spec, law) or plan_header_of(spec, law)


def _signer_warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """§9: what ``check`` reports on the signature block, said about the spec first. A plan
    issued by a Quyết định (Mẫu 1.3) answers to the authority that issues the decision (its
    ``tham_quyen``, or the issuer ``kem_theo`` names), and bears the decision's signature:
    the decision's own signer is checked too, and a plan signed otherwise is warned about."""
    party = is_party(law)  # a Party plan has no quyet_dinh, and its signers D-KT rules
    decision = None if party else spec.quyet_dinh
    if decision is None:
        issuer = attached_issuer(spec.kem_theo) if spec.kem_theo and not party else None
        yield from _one_signer(spec, spec.nguoi_ky, ("nguoi_ky",), issuer, loaded, law)
        return
    authority = decision.tham_quyen or upper_vi(" ".join(spec.co_quan.ten))
    yield from _one_signer(spec, spec.nguoi_ky, ("nguoi_ky",), authority, loaded, law)
    if decision.nguoi_ky is None:
        return  # the decision takes the plan's signer
    path = ("quyet_dinh", "nguoi_ky")
    yield from _one_signer(spec, decision.nguoi_ky, path, authority, loaded, law)
    if decision.nguoi_ky != spec.nguoi_ky:
        yield _warn(
            loaded,
            ("nguoi_ky",),
            "kế hoạch ban hành kèm theo quyết định mang chữ ký của người ký quyết định"
            f" (Mẫu 1.3), nhưng nguoi_ky ({_signature_text(spec.nguoi_ky, law)}) khác"
            f" quyet_dinh.nguoi_ky ({_signature_text(decision.nguoi_ky, law)})",
            None,
            "bỏ khóa nguoi_ky trong quyet_dinh (quyết định dùng nguoi_ky của kế hoạch),"
            " hoặc ghi hai khóa giống nhau",
        )


def _signature_text(signer: NguoiKy, law: Profile) -> str:
    """A signature block on one line, as the clerk reads it: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ
    TỊCH / PHÓ CHỦ TỊCH / Nguyễn Văn A"."""
    shown = [
        f"{prefix} {getattr(signer, key)}"
        for key, prefix in law.authority_prefixes
        if getattr(signer, key)
    ]
    return " / ".join([*shown, *([signer.chuc_vu] if signer.chuc_vu else []), signer.ho_ten])


def _one_signer(
    spec: KeHoach,
    signer: NguoiKy,
    path: KeyPath,
    authority: str | None,
    loaded: Loaded,
    law: Profile,
) -> Iterator[Diagnostic]:
    """One signature block at ``path``; ``authority`` is the Quyết định's issuing line when
    the block answers to it ("CHỦ TỊCH ỦY BAN NHÂN DÂN …": a person, never "TM.")."""
    title = law.academic_title(signer.ho_ten)
    if title:
        yield _warn(
            loaded,
            (*path, "ho_ten"),
            f"không ghi học hàm, học vị ('{title}') trước họ tên người ký",
            "KY-3",
            "chỉ ghi họ và tên, ví dụ: Nguyễn Văn A",
        )
    name = signer.ho_ten
    if len(name.split()) > 1 and name == name.upper():
        yield _warn(
            loaded,
            (*path, "ho_ten"),
            f"họ tên người ký '{name}' viết in hoa toàn bộ",
            "KY-2",
            "viết hoa chữ cái đầu mỗi âm tiết, ví dụ: "
            + " ".join(w.capitalize() for w in name.lower().split()),
        )
    if is_party(law):
        yield from _party_signer_warnings(spec, loaded, law)
        return
    if signer.ky_thay and not signer.chuc_vu.startswith(("PHÓ", "THỨ")):
        yield _warn(
            loaded,
            (*path, "chuc_vu"),
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
            (*path, "ky_thay"),
            "người được ủy quyền (TUQ.) không được ủy quyền lại, nên không dùng kèm KT.",
            "KT-4",
            f"bỏ ky_thay; người được ủy quyền tự ký: chuc_vu: {signer.ky_thay}",
        )
    elif chain not in law.authority_chains:
        shown = " → ".join(p + "." for p in chain)
        yield _warn(
            loaded,
            path,
            f"kết hợp thẩm quyền ký {shown} ít gặp; {law.law_short} chỉ nêu TM. → KT. và TL. → KT.",
            "KT-5",
            "kiểm tra lại các khóa thay_mat, thua_lenh, thua_uy_quyen, ky_thay, quyen",
        )
    body = " ".join(spec.co_quan.ten)
    if authority is not None and law.is_personal_title(authority):
        # The decision is the head's own ("CHỦ TỊCH ỦY BAN NHÂN DÂN …"): signed by the head,
        # or KT. by a deputy, never on behalf of the collective.
        if "TM" in chain:
            yield _warn(
                loaded,
                (*path, "thay_mat"),
                f"quyết định do {authority} ban hành (thẩm quyền của người đứng đầu), nên"
                " không ký 'TM.' (thay mặt tập thể)",
                "KT-6",
                "bỏ thay_mat; cấp phó ký thì dùng ky_thay",
            )
        return
    if law.is_collective_body(body) and not any(
        getattr(signer, key) for key in law.collective_authorities
    ):
        collective = collective_name(body)
        yield _warn(
            loaded,
            path,
            f"{body} là cơ quan làm việc theo chế độ tập thể: thường ký 'TM. {collective}'",
            "KT-6",
            f"thêm thay_mat: {collective}",
        )
    if law.is_head_based_body(body) and "TM" in chain:
        yield _warn(
            loaded,
            (*path, "thay_mat"),
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


def _point_title(loaded: Loaded, law: Profile, title: str, path: KeyPath) -> Iterator[Diagnostic]:
    """DM-3, as check judges the rendered "a) …" line: an item's tieu_de is printed bold as
    the point's name, so a sentence there reads as a bold sentence."""
    if len(title.split()) >= 3 and not is_title(title):
        yield _warn(
            loaded,
            path,
            "tiêu đề của điểm (a), b) …) là một câu (dài hoặc có dấu câu ở cuối) nhưng được in"
            " đậm như tên điểm",
            rule_id(law, "DM-3"),
            "tên điểm viết ngắn, không có dấu câu ở cuối; nếu là một câu thì viết ở noi_dung"
            " thay cho tieu_de",
        )


def _typed_number(loaded: Loaded, text: str, path: KeyPath) -> Iterator[Diagnostic]:
    if _TYPED_NUMBER.match(text):
        yield _warn(
            loaded,
            path,
            f"văn bản bắt đầu bằng số thứ tự gõ tay ('{text.split()[0]}'); kehoach tự đánh số",
            "S-1",
            "xóa số thứ tự ở đầu dòng",
        )


# --- Party plans (HD 05, docs/luat/hd05-spec.md) ---------------------------------------------

# D-NB-5: a Party body's name (D-CQ-1) in capitals, either spelling (D-F-3): a đảng bộ, chi bộ
# or ban chấp hành, or a name with a cấp ủy in it ("ĐẢNG ỦY XÃ …", "BAN TỔ CHỨC TỈNH ỦY").
_PARTY_NAME = re.compile(
    r"^(ĐẢNG BỘ|CHI BỘ|BAN CHẤP HÀNH ĐẢNG)(\s|$)"
    r"|(^|\s)(ĐẢNG|TỈNH|THÀNH|HUYỆN|QUẬN|THỊ) (ỦY|UỶ)(\s|$)"
)
# D-NB-3: a slash authority prefix (D-KT-1) typed into a signer's key.
_SLASH_AUTHORITY = re.compile(r"^(T\s*/\s*M|K\s*/\s*T|T\s*/\s*L)(\s|[./]|$)", re.IGNORECASE)
# D-NB-2: a Party symbol ("KH/ĐU"): a type code, "/", then a body code.
_PARTY_SYMBOL = re.compile(r"(^|[\s-])[A-ZĐ][A-Za-zĐđ]*/[A-ZĐ]")
_PARTY_POSITION = re.compile(r"^(PHÓ )?BÍ THƯ(\s|$)")
# D-SO-8 codes that other bodies use as well (ban chỉ đạo, tiểu ban, hội đồng, đại hội,
# trung ương): on their own they do not tell a Party document.
_SHARED_CODES = frozenset({"BCĐ", "TB", "HĐ", "ĐH", "TW"})
# D-NB-10: the Youth Union signs "T/M BAN CHẤP HÀNH … / BÍ THƯ" too, but is not a Party body.
_YOUTH_UNION = re.compile(r"THANH NIÊN|TNCS|(BAN CHẤP HÀNH|BCH) ĐOÀN|^(CHI )?ĐOÀN\s")
# D-NB-9: the issuers of state documents (NĐ 30), which a Party plan never has.
_STATE_ISSUER = re.compile(r"^((ỦY|UỶ) BAN NHÂN DÂN|UBND|SỞ|HỘI ĐỒNG NHÂN DÂN|HĐND)(\s|$)")
# D-NN-5: NĐ 30's archive line (NN-3), "Lưu: VT, …", typed into a Party plan.
_STATE_ARCHIVE = re.compile(r"^[-–\s]*Lưu\s*(:|VT\b)", re.IGNORECASE)
_VT = re.compile(r"(^|[\s,:])VT($|[\s,.;])", re.IGNORECASE)
# D-KY-5: a position followed by the name of the body ("PHÓ BÍ THƯ ĐẢNG ỦY XÃ …").
_BODY_AFTER_POSITION = re.compile(
    r"^((PHÓ )?(BÍ THƯ|CHỦ NHIỆM|CHỦ TỊCH|CHÁNH VĂN PHÒNG|TRƯỞNG BAN))\s+"
    r"(ĐẢNG (ỦY|UỶ|BỘ)|TỈNH (ỦY|UỶ)|THÀNH (ỦY|UỶ)|CHI BỘ|(ỦY|UỶ) BAN KIỂM TRA|BAN THƯỜNG VỤ)(\s|$)"
)


def _raw(data: Any, *path: str) -> str | None:
    """The text at ``path`` of the spec as loaded (a list of lines joined), NFC, or None."""
    for key in path:
        if not isinstance(data, dict):
            return None
        data = data.get(key)
    if isinstance(data, list) and data and all(isinstance(x, str) for x in data):
        data = " ".join(data)
    if not isinstance(data, str) or not data.strip():
        return None
    return unicodedata.normalize("NFC", " ".join(data.split()))


_SIGNER_KEYS = frozenset({"thay_mat", "thua_lenh", "ky_thay"})


def _looks_like_party(loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """D-NB-9: a plan under the state layout that reads like a Party body's: one warning,
    at the most telling key, listing what gave it away."""
    data = loaded.data
    names = [_raw(data, "co_quan", k) for k in ("ten", "chu_quan")]
    if any(name and _YOUTH_UNION.search(upper_vi(name)) for name in names):
        return
    signals: list[tuple[KeyPath, str]] = []
    ten, chu_quan = (upper_vi(n) if n else None for n in names)
    if ten and _PARTY_NAME.search(ten):
        signals.append((("co_quan", "ten"), f"tên cơ quan '{ten}'"))
    symbol = _raw(data, "ky_hieu")
    if symbol and _PARTY_SYMBOL.search(symbol):
        signals.append((("ky_hieu",), f"ký hiệu '{symbol}'"))
    for key in ("thay_mat", "thua_lenh", "ky_thay", "chuc_vu"):
        value = _raw(data, "nguoi_ky", key)
        if value and _SLASH_AUTHORITY.match(value):
            signals.append((("nguoi_ky", key), f"'{upper_vi(value)}'"))
    if chu_quan and _PARTY_NAME.search(chu_quan):
        signals.append((("co_quan", "chu_quan"), f"cơ quan cấp trên '{chu_quan}'"))
    code = _raw(data, "co_quan", "viet_tat")
    party_codes = set(HD05.body_codes) - _SHARED_CODES | set(HD05.legacy_body_codes)
    if code and code in party_codes:
        signals.append((("co_quan", "viet_tat"), f"chữ viết tắt '{code}'"))
    position = _raw(data, "nguoi_ky", "chuc_vu")
    if position and _PARTY_POSITION.match(upper_vi(position)):
        signals.append((("nguoi_ky", "chuc_vu"), f"chức vụ '{upper_vi(position)}'"))
    if not signals:
        return
    if ten and _STATE_ISSUER.match(ten) and all(k[-1] in _SIGNER_KEYS for k, _ in signals):
        # A state body with a Party signing prefix typed in: the prefix is the slip, not the
        # layout (D-NB-8: one law's form in the other's document).
        key, what = signals[0]
        prefix = dict(law.authority_prefixes).get(key[-1], "TM.")
        yield _warn(
            loaded,
            key,
            f"{what} viết theo cách của văn bản của Đảng; văn bản của {ten} theo"
            f" {law.law_short} ghi '{prefix}'",
            "D-NB-8",
            f"bỏ phần 'T/M', 'K/T', 'T/L' ở đầu giá trị; kehoach tự thêm '{prefix}'",
        )
        return
    typed = _raw(data, "the_thuc")
    fix = (
        f"đổi thành 'the_thuc: {HD05.spec_value}'"
        if typed
        else f"thêm dòng 'the_thuc: {HD05.spec_value}' ở đầu tệp"
    )
    yield _warn(
        loaded,
        signals[0][0],
        "kế hoạch có dấu hiệu là văn bản của Đảng ("
        + "; ".join(what for _, what in signals[:3])
        + ("; …" if len(signals) > 3 else "")
        + f") nhưng đang được trình bày theo {law.layout_name}",
        "D-NB-9",
        f"văn bản của cấp ủy, tổ chức đảng trình bày theo {HD05.law}: {fix}",
    )


def _party_warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """What is probably wrong in a Party plan (D-NB-9, D-L-3, D-SO-8, D-SO-10, D-NN-5,
    D-KY-5); the certain faults are the model's errors."""
    body = " ".join(spec.co_quan.ten)
    if _STATE_ISSUER.match(body):
        yield _warn(
            loaded,
            ("co_quan", "ten"),
            f"'{body}' là cơ quan nhà nước, nhưng kế hoạch đang được trình bày theo"
            f" {law.layout_name}",
            "D-NB-9",
            f"văn bản của cơ quan nhà nước theo {ND30.law}: bỏ dòng 'the_thuc: {law.spec_value}';"
            " văn bản của cấp ủy thì ghi tên cấp ủy, ví dụ: ĐẢNG ỦY XÃ …",
        )
    yield from _party_date(spec, loaded, law)
    yield from _party_codes(spec, loaded, law)
    yield from _party_archive(spec, loaded, law)
    position = spec.nguoi_ky.chuc_vu or ""
    named = _BODY_AFTER_POSITION.match(position)
    if named:
        yield _warn(
            loaded,
            ("nguoi_ky", "chuc_vu"),
            f"'{position}': chức vụ người ký không ghi kèm tên cấp ủy, tổ chức (trừ văn bản"
            " liên cơ quan và của ban chỉ đạo, tiểu ban, hội đồng không có con dấu riêng)",
            "D-KY-5",
            f"viết chuc_vu: {named.group(1)}",
        )


def _party_date(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """D-L-2, D-L-3: a plan dated before HD 05 took effect was laid out under HD 36."""
    start = law.effective_from
    issued = spec.ngay.date
    if start is None or law.applies_on(spec.ngay.nam, spec.ngay.thang, spec.ngay.ngay):
        return
    shown = (
        law.short_date(issued.year, issued.month, issued.day)
        if issued is not None
        else f"năm {spec.ngay.nam}"
    )
    yield _warn(
        loaded,
        ("ngay",),
        f"ngày ban hành ({shown}) trước ngày {law.law} có hiệu lực"
        f" ({law.short_date(start.year, start.month, start.day)}): văn bản ban hành trước"
        f" ngày đó theo {law.predecessor}",
        "D-L-3",
        f"kehoach chỉ trình bày theo {law.law}; kiểm tra lại ngày ban hành, hoặc đối chiếu"
        f" văn bản với {law.predecessor}",
    )


def _party_codes(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """D-SO-8..D-SO-10: the body code printed in "Số 05-KH/<code>" against HD 05's list."""
    if spec.quyet_dinh is not None or spec.kem_theo is not None:
        return  # no number line (Mẫu 1.3): the code is not printed
    if spec.ky_hieu:
        code, where = spec.ky_hieu.split("/", 1)[1], ("ky_hieu",)
    else:
        code, where = spec.co_quan.viet_tat, ("co_quan", "viet_tat")
    listed = ", ".join(c for c in law.body_codes if len(c) <= 4)
    for part in code.split("-"):  # D-SO-1: joint bodies' codes joined by "-"
        if part in law.legacy_body_codes:
            yield _warn(
                loaded,
                where,
                f"chữ viết tắt '{part}' theo {law.predecessor}, {law.law} không còn dùng",
                "D-SO-10",
                f"dùng chữ viết tắt theo {law.law_short}: {listed} …",
            )
        elif part not in law.body_codes:
            yield _warn(
                loaded,
                where,
                f"chữ viết tắt '{part}' không có trong danh sách chữ viết tắt tên cơ quan của"
                f" {law.law}",
                "D-SO-8",
                f"kiểm tra lại; {law.law_short} liệt kê: {listed} … (chữ viết tắt của cơ quan"
                " tham mưu cấp xã như VPĐU chưa được quy định, D-SO-9)",
            )


def _party_archive(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """D-NN-5: the archive line is "- Lưu <office>.": no colon, no "VT"."""
    if spec.quyet_dinh is not None or spec.kem_theo is not None:
        return  # no recipients of its own (NN-1)
    fix = f"kehoach tự thêm '{law.archive_line()}'"
    for i, entry in enumerate(spec.noi_nhan):
        if _STATE_ARCHIVE.match(entry):
            yield _warn(
                loaded,
                ("noi_nhan", i),
                f"dòng lưu '{entry}' viết theo {ND30.law_short} ('Lưu: VT, …'); văn bản của Đảng"
                " ghi '- Lưu <đơn vị lưu>.', không có dấu ':', không có 'VT'",
                "D-NN-5",
                f"bỏ dòng này ({fix}); đơn vị lưu khác thì ghi luu: <tên đơn vị>, ví dụ luu:"
                f" {law.records_office}",
            )
    if spec.luu and (_VT.search(spec.luu) or _STATE_ARCHIVE.match(spec.luu)):
        yield _warn(
            loaded,
            ("luu",),
            f"luu '{spec.luu}': dòng lưu của văn bản của Đảng không có 'VT' và dấu ':'",
            "D-NN-5",
            f"ghi tên đơn vị lưu, ví dụ luu: {law.records_office}, hoặc bỏ khóa luu ({fix})",
        )


def _party_signer_warnings(spec: KeHoach, loaded: Loaded, law: Profile) -> Iterator[Diagnostic]:
    """HD 05 II.I.7.1 (D-KT-*): the signature block's probable faults."""
    signer = spec.nguoi_ky
    mark = dict(law.authority_prefixes)
    if signer.ky_thay and not (signer.chuc_vu or "").startswith("PHÓ"):
        yield _warn(
            loaded,
            ("nguoi_ky", "chuc_vu"),
            f"người ký thay ({mark['ky_thay']} {signer.ky_thay}) thường là cấp phó, nhưng chức"
            f" vụ là '{signer.chuc_vu}'",
            "D-KT-4",
            "kiểm tra lại chức vụ của người ký",
        )
    used = [mark[key] for key in mark if getattr(signer, key)]
    chain = tuple(prefix.rstrip(".") for prefix in used)
    # The chains the model refuses (T/M + K/T, T/L + K/T, T/M + T/L, K/T + Q.) are errors.
    if chain not in law.authority_chains and len(chain) == 2 and "K/T" not in chain:
        yield _warn(
            loaded,
            ("nguoi_ky",),
            f"kết hợp thẩm quyền ký {' → '.join(used)} ít gặp; {law.law_short} chỉ nêu từng"
            f" thẩm quyền riêng ({', '.join(mark.values())})",
            "D-KT-1",
            "kiểm tra lại các khóa thay_mat, thua_lenh, ky_thay, quyen",
        )
    body = " ".join(spec.co_quan.ten)
    if collective_positions(body, law) and not any(
        getattr(signer, key) for key in law.collective_authorities
    ):
        collective = "CHI BỘ" if body.startswith("CHI BỘ") else "BAN THƯỜNG VỤ"
        yield _warn(
            loaded,
            ("nguoi_ky",),
            f"{body} làm việc theo chế độ tập thể: văn bản ký '{mark['thay_mat']}' (thay mặt)",
            "D-KT-2",
            f"thêm thay_mat: {collective} (hoặc thay_mat: ĐẢNG ỦY cho văn bản của đảng ủy)",
        )
