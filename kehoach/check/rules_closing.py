"""Recipients ("Nơi nhận", NN-*), signature typography (KY-*) and signing authority
(KT-1..KT-6)."""

from __future__ import annotations

import re

from kehoach.law.profile import Profile

from .docmodel import DocModel, Line
from .findings import Collector
from .locate import Layout, nfc
from .ooxml import collapse_ws, fmt_cm, twips_to_mm
from .rules_header import cell_borders
from .typo import check_centered, check_typo, is_upper, jc_name

_PREFIX = re.compile(r"^(TM|KT|TL|TUQ|Q)\.\s*(.*)$")
_BAD_PREFIX = re.compile(r"^(T/M|K/T|T/L|TM|KT|TL|TUQ)(?=\s|/|$)")
_LUU = re.compile(r"^-\s*Lưu\s*:\s*VT\b.*\.$")
_ACADEMIC = re.compile(
    r"^((GS|PGS|TSKH|TS|ThS|Ths|THS|KS|BS|BSCKI|BSCKII|DS|LS|NGND|NGƯT)(\.|\s)[\s.]*)+\S"
    r"|^(tiến sĩ|thạc sĩ|giáo sư|phó giáo sư|kỹ sư|bác sĩ)\s",
    re.I,
)
# Titles held by a person (never after TM.) and names of bodies (never after KT./TL./…).
_PERSONAL = re.compile(
    r"^(PHÓ\s|CHỦ TỊCH|GIÁM ĐỐC|TỔNG GIÁM ĐỐC|THỦ TƯỚNG|BÍ THƯ|CHỦ NHIỆM|CHÁNH\s|TRƯỞNG\s|"
    r"HIỆU TRƯỞNG|THỦ TRƯỞNG|KẾ TOÁN TRƯỞNG|\S+ TRƯỞNG\b|TỔNG CỤC TRƯỞNG)"
)
_COLLECTIVE = re.compile(
    r"^(ỦY BAN|UỶ BAN|UBND|HỘI ĐỒNG|HĐND|BAN\s|THƯỜNG TRỰC|ĐOÀN\s|TỔ\s|CHÍNH PHỦ|CHI BỘ|"
    r"ĐẢNG ỦY|ĐẢNG UỶ)"
)
_HEAD_BODY = re.compile(r"^(SỞ|BỘ|CỤC|VỤ|VIỆN|PHÒNG|TRƯỜNG|TỔNG CỤC|VĂN PHÒNG|TRUNG TÂM)\s")
_ALLOWED_CHAINS = {(), ("TM",), ("TM", "KT"), ("KT",), ("TL",), ("TL", "KT"), ("TUQ",), ("Q",)}


def is_personal(text: str) -> bool:
    return bool(_PERSONAL.match(text))


def is_body_name(text: str) -> bool:
    if is_personal(text):
        return False
    return bool(_COLLECTIVE.match(text) or _HEAD_BODY.match(text))


# ---------------------------------------------------------------------- recipients


def _check_recipients(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    if layout.recipients is None and not layout.recipients_paras:
        c.error(
            "NN-1",
            "Không tìm thấy phần «Nơi nhận:» sau nội dung văn bản.",
            "cuối văn bản",
        )
        return
    if layout.recipients is not None:
        lines = [ln for ln in layout.recipients.lines() if ln.stripped]
    else:
        lines = [ln for p in layout.recipients_paras for ln in p.lines if ln.stripped]
        c.warn(
            "NN-5",
            "«Nơi nhận» và khối chữ ký không được trình bày bằng bảng 2 cột không viền như mẫu "
            "NĐ 30; khó bảo đảm «Nơi nhận:» ngang hàng với dòng đầu khối chữ ký.",
            lines[0].where(),
        )
    label = lines[0]
    where = label.where()
    text = collapse_ws(nfc(label.text)).strip()
    if text != "Nơi nhận:":
        if text.startswith("Nơi nhận:") or text.lower().startswith("nơi nhận:"):
            if text[:9] != "Nơi nhận:":
                c.error("NN-1", f"Viết «{text[:9]}»; NĐ 30: «Nơi nhận:» (chữ thường).", where)
            if len(text) > 9:
                c.error("NN-1", "Sau «Nơi nhận:» phải xuống dòng; mỗi nơi nhận một dòng.", where)
        else:
            c.error("NN-1", f"Viết «{text[:20]}»; NĐ 30: «Nơi nhận:» (có dấu hai chấm).", where)
    label_pieces = [p for p in label.pieces if p.text.strip()]
    # Judge the label's own typography on its first word(s), not on trailing items.
    head = [p for p in label_pieces if "nhận" in p.text.lower() or "nơi" in p.text.lower()]
    check_typo(
        c,
        "NN-1",
        "«Nơi nhận:»",
        head or label_pieces,
        where,
        size=profile.sizes.recipients_label,
        bold=True,
        italic=True,
    )
    fmt = label.para.fmt
    if fmt.jc in ("center", "right"):
        c.error("NN-1", f"«Nơi nhận:» đang {jc_name(fmt.jc)}; NĐ 30: sát lề trái.", where)
    elif abs(fmt.ind_left + max(0, fmt.first_line)) > 60:
        c.error(
            "NN-1",
            f"«Nơi nhận:» thụt vào {fmt_cm(twips_to_mm(fmt.ind_left + fmt.first_line))}; NĐ 30: "
            "sát lề trái.",
            where,
        )
    _check_closing_table(model, layout, c)

    items = lines[1:]
    if not items:
        c.error("NN-2", "Không có danh sách nơi nhận dưới «Nơi nhận:».", where)
        c.error("NN-3", "Thiếu dòng cuối «- Lưu: VT, …».", where)
        return
    for n, item in enumerate(items):
        iwhere = item.where()
        itext = collapse_ws(nfc(item.text)).strip()
        last = n == len(items) - 1
        if not re.match(r"^-\s", itext):
            c.error("NN-2", f"Nơi nhận «{itext[:30]}» phải bắt đầu bằng «- ».", iwhere)
        if not last and not itext.endswith(";"):
            c.error("NN-2", f"Nơi nhận «{itext[:30]}» phải kết thúc bằng dấu «;».", iwhere)
        check_typo(
            c,
            "NN-2",
            "Danh sách nơi nhận",
            item.pieces,
            iwhere,
            size=profile.sizes.recipients,
            bold=False,
            italic=False,
        )
    last_text = collapse_ws(nfc(items[-1].text)).strip()
    luu = [it for it in items if "lưu" in nfc(it.text).lower()]
    if not luu:
        c.error(
            "NN-3",
            "Thiếu dòng «- Lưu: VT, …» ở cuối nơi nhận; NĐ 30: dòng cuối là «- Lưu: VT, <đơn vị "
            "soạn thảo>.»",
            items[-1].where(),
        )
    elif luu[-1] is not items[-1]:
        c.error("NN-3", "Dòng «- Lưu: VT, …» phải là dòng cuối cùng của nơi nhận.", luu[-1].where())
    elif not _LUU.match(last_text):
        c.error(
            "NN-3",
            f"Dòng lưu ghi «{last_text}»; NĐ 30: «- Lưu: VT, <đơn vị soạn thảo>.» (có «Lưu:», "
            "«VT», kết thúc bằng dấu chấm).",
            items[-1].where(),
        )


def _check_closing_table(model: DocModel, layout: Layout, c: Collector) -> None:
    tbl = layout.closing_table
    rec = layout.recipients
    sig = layout.signature
    if tbl is None or rec is None:
        return
    sides = cell_borders(model, tbl)
    if sides:
        c.error(
            "NN-5",
            f"Bảng nơi nhận – chữ ký có đường viền hiện ra khi in (cạnh {', '.join(sides)}); mẫu "
            "NĐ 30 không có viền.",
            tbl.label,
        )
    if sig is None:
        return
    if sig.row != rec.row:
        c.error(
            "NN-1",
            "«Nơi nhận:» không ngang hàng với dòng đầu của khối chữ ký (khác hàng trong bảng); "
            "NĐ 30 đặt hai phần này trên cùng một dòng.",
            rec.label,
        )
    elif sig.col < rec.col:
        c.error(
            "NN-1",
            "«Nơi nhận» đang ở bên phải khối chữ ký; NĐ 30: nơi nhận bên trái, chữ ký bên phải.",
            rec.label,
        )
    else:
        first_rec = next((p for p in rec.paras if p.has_text), None)
        first_sig = next((p for p in sig.paras if p.has_text), None)
        for cell, first in ((rec, first_rec), (sig, first_sig)):
            if (
                first is not None
                and first.index > 0
                and any(p.fmt.before or not p.is_blank for p in cell.paras[: first.index])
            ):
                c.warn(
                    "NN-5",
                    "Dòng đầu của ô không nằm ở đầu ô; «Nơi nhận:» và dòng đầu khối chữ ký nên cùng "
                    "ở dòng đầu mỗi ô.",
                    cell.label,
                )
            elif first is not None and first.index > 0:
                c.warn(
                    "NN-1",
                    "Có dòng trống phía trên, làm «Nơi nhận:» và dòng đầu khối chữ ký lệch nhau.",
                    cell.label,
                )


# ---------------------------------------------------------------------- signature


def _split_signature(layout: Layout) -> tuple[list[Line], list[Line], Line | None, bool]:
    """(authority lines, middle lines, name line, has signing space)."""
    sig = layout.signature
    assert sig is not None
    slots: list[Line | None] = []  # None marks a gap (blank line, image)
    for para in sig.paras:
        if not para.has_text:
            slots.append(None)
            continue
        slots.extend(ln if ln.stripped else None for ln in para.lines)
    text_lines = [ln for ln in slots if ln is not None]
    if not text_lines:
        return [], [], None, False
    name = text_lines[-1]
    i = 0
    while i < len(slots) and slots[i] is None:
        i += 1
    authority: list[Line] = []
    while i < len(slots):
        ln = slots[i]
        if ln is None or ln is name:
            break
        authority.append(ln)
        i += 1
    has_space = i < len(slots) and slots[i] is None
    middle = [ln for ln in text_lines if ln not in authority and ln is not name]
    if not has_space and len(text_lines) >= 2:
        authority = text_lines[:-1]
        middle = []
    return authority, middle, name, has_space


def _check_signature(layout: Layout, c: Collector, profile: Profile) -> None:
    if layout.recipients is None:
        return
    if layout.signature is None:
        c.error(
            "KY-1",
            "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên) bên phải «Nơi nhận».",
            layout.recipients.label,
        )
        return
    authority, _middle, name, has_space = _split_signature(layout)
    if name is None or not authority:
        c.error(
            "KY-1",
            "Khối chữ ký thiếu dòng thẩm quyền/chức vụ hoặc họ tên người ký.",
            layout.signature.label,
        )
        return
    if not has_space:
        c.warn(
            "KY-5",
            "Không có khoảng trống giữa chức vụ và họ tên để ký, đóng dấu.",
            name.where(),
        )
    for ln in authority:
        check_typo(
            c,
            "KY-1",
            "Dòng thẩm quyền, chức vụ",
            ln.pieces,
            ln.where(),
            size=profile.sizes.authority,
            bold=True,
            italic=False,
            upper=True,
        )
        check_centered(c, "KY-1", "Dòng thẩm quyền, chức vụ", ln.para, ln.where())
    nwhere = name.where()
    check_typo(
        c,
        "KY-2",
        "Họ tên người ký",
        name.pieces,
        nwhere,
        size=profile.sizes.signer_name,
        bold=True,
        italic=False,
    )
    shown = collapse_ws(nfc(name.display)).strip()
    if is_upper(shown) and len(shown.split()) > 1:
        c.error(
            "KY-2",
            f"Họ tên «{shown}» viết in hoa toàn bộ; NĐ 30: chữ thường, viết hoa chữ cái đầu mỗi "
            "âm tiết.",
            nwhere,
        )
    check_centered(c, "KY-2", "Họ tên người ký", name.para, nwhere)
    if _ACADEMIC.match(shown):
        c.error(
            "KY-3",
            f"Trước họ tên có học hàm, học vị («{shown}»); NĐ 30 không ghi học hàm, học vị trước "
            "họ tên người ký (trừ ngành được phép).",
            nwhere,
        )
    _check_authority(layout, authority, c)


def _check_authority(layout: Layout, authority: list[Line], c: Collector) -> None:
    items: list[tuple[str | None, str, Line]] = []
    for ln in authority:
        text = collapse_ws(nfc(ln.display)).strip()
        m = _PREFIX.match(text)
        if m:
            items.append((m.group(1), m.group(2).strip(), ln))
            continue
        bad = _BAD_PREFIX.match(text)
        if bad:
            good = bad.group(1).replace("/", "")
            c.error(
                "KY-1",
                f"Viết «{bad.group(1)}»; văn bản hành chính dùng «{good}.» (chữ in hoa, dấu chấm, "
                "một dấu cách).",
                ln.where(),
            )
            rest = text[len(bad.group(1)) :].lstrip(". ")
            items.append((good, rest, ln))
            continue
        items.append((None, text, ln))

    chain = tuple(p for p, _, _ in items if p)
    for i, (prefix, rest, ln) in enumerate(items):
        where = ln.where()
        if prefix == "TM" and is_personal(rest):
            c.error(
                "KT-2",
                f"«TM. {rest}»: TM. (thay mặt) đứng trước tên tập thể hoặc cơ quan (ví dụ «TM. ỦY "
                "BAN NHÂN DÂN»), không đứng trước chức danh cá nhân.",
                where,
            )
        if prefix in ("KT", "TL", "TUQ", "Q") and is_body_name(rest):
            c.error(
                "KT-3",
                f"«{prefix}. {rest}»: sau {prefix}. phải là chức danh người đứng đầu (ví dụ «{prefix}. "
                "CHỦ TỊCH», «{prefix}. GIÁM ĐỐC»), không phải tên cơ quan.",
                where,
            )
        if prefix == "KT":
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is None or nxt[0] is not None:
                c.error(
                    "KT-1",
                    f"Sau «KT. {rest}» thiếu dòng chức vụ của người ký thay (cấp phó, ví dụ «PHÓ "
                    f"{rest}»).",
                    where,
                )
            elif collapse_ws(nxt[1]) == collapse_ws(rest):
                c.error(
                    "KT-1",
                    f"«KT. {rest}» rồi «{nxt[1]}»: người ký thay phải là cấp phó, chức vụ khác với "
                    f"chức danh sau KT. (ví dụ «PHÓ {rest}»).",
                    nxt[2].where(),
                )
        if prefix == "TUQ" and "KT" in chain[chain.index("TUQ") + 1 :]:
            c.warn(
                "KT-4",
                "«TUQ.» kèm «KT.»: người được ủy quyền không được ủy quyền lại cho người khác ký "
                "(suy luận từ NĐ 30, chưa có quy định rõ về cách trình bày này).",
                where,
            )
    if chain not in _ALLOWED_CHAINS and not ("TUQ" in chain and "KT" in chain):
        c.warn(
            "KT-5",
            f"Kết hợp thẩm quyền ký «{' → '.join(p + '.' for p in chain)}» không thông dụng; NĐ 30 "
            "chỉ nêu TM. → KT. và TL. → KT.",
            items[0][2].where(),
        )
    issuing = collapse_ws(" ".join(nfc(ln.display) for ln in layout.issuing)).strip()
    if issuing:
        collegial = bool(_COLLECTIVE.match(issuing))
        head_based = bool(_HEAD_BODY.match(issuing))
        # TL. (by order of the chairman, e.g. the office head) is also normal for a collective.
        if collegial and "TM" not in chain and "TL" not in chain:
            body = collapse_ws(nfc(layout.issuing[0].display)).strip()
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ tập thể; thường ký «TM. {body}» "
                "(thay mặt tập thể).",
                items[0][2].where(),
            )
        if head_based and "TM" in chain:
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ thủ trưởng; không dùng «TM.» "
                "(dùng KT., TL., TUQ. hoặc người đứng đầu ký).",
                items[0][2].where(),
            )


def check_closing(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    _check_recipients(model, layout, c, profile)
    _check_signature(layout, c, profile)
