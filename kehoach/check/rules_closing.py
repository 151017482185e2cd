"""Recipients ("Nơi nhận", NN-*), signature typography (KY-*) and signing authority
(KT-1..KT-6)."""

from __future__ import annotations

import re

from kehoach.law.profile import Profile

from .docmodel import DocModel, Line
from .findings import Collector
from .locate import Layout, nfc
from .ooxml import collapse_ws, fmt_cm, twips_to_mm
from .tables import cell_borders
from .typo import check_centered, check_typo, is_upper, jc_name


def _authority_prefixes(profile: Profile) -> dict[str, str]:
    """KY-1, §9.2: each authority's code ("TM") → the prefix it prints ("TM.")."""
    return {prefix.rstrip("."): prefix for _key, prefix in profile.authority_prefixes}


def _authority_codes(profile: Profile) -> dict[str, str]:
    """The spec key of each authority ("thay_mat") → its code ("TM")."""
    return {key: prefix.rstrip(".") for key, prefix in profile.authority_prefixes}


def _prefix_re(profile: Profile) -> re.Pattern[str]:
    """A line that starts with one of the profile's prefixes, written right ("TM. …")."""
    alternatives = "|".join(re.escape(p) for p in _authority_prefixes(profile).values())
    return re.compile(rf"^({alternatives})\s*(.*)$")


def _miswritten_prefix_re(profile: Profile) -> re.Pattern[str]:
    """The usual miswritings of the dotted prefixes: the code without its dot ("TM", "TUQ")
    and, for two-letter codes, the Party's slash form ("T/M")."""
    slashed, bare = [], []
    for code, prefix in _authority_prefixes(profile).items():
        if prefix == code or len(code) < 2:
            continue  # no dot to forget, or a one-letter code too common to guess at
        if len(code) == 2:
            slashed.append(f"{code[0]}/{code[1]}")
        bare.append(code)
    if not bare:
        return re.compile(r"(?!)")  # nothing to miswrite
    return re.compile(rf"^({'|'.join(re.escape(f) for f in slashed + bare)})(?=\s|/|$)")


def _archive_re(profile: Profile) -> re.Pattern[str]:
    """NN-3: ``- Lưu: VT, <unit>.``, as the profile's archive word and records office read."""
    word, office = re.escape(profile.archive_word), re.escape(profile.records_office)
    return re.compile(rf"^-\s*{word}\s*:\s*{office}\b.*\.$")


# ---------------------------------------------------------------------- recipients


def _check_recipients(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    label = profile.recipients_label  # NN-1: "Nơi nhận:"
    if layout.recipients is None and not layout.recipients_paras:
        if layout.attached:
            # Mẫu 1.3: a text issued by a Quyết định is sent with it; no Nơi nhận of its own.
            _check_signature_table(model, layout, c)
            return
        c.error(
            "NN-1",
            f"Không tìm thấy phần «{label}» sau nội dung văn bản.",
            layout.named("cuối văn bản"),
        )
        return
    if layout.recipients is not None:
        lines = [ln for ln in layout.recipients.lines() if ln.stripped]
    else:
        lines = [ln for p in layout.recipients_paras for ln in p.lines if ln.stripped]
        c.warn(
            "NN-5",
            f"«{label.rstrip(':')}» và khối chữ ký không được trình bày bằng bảng 2 cột không viền "
            f"như mẫu NĐ 30; khó bảo đảm «{label}» ngang hàng với dòng đầu khối chữ ký.",
            lines[0].where(),
        )
    first = lines[0]
    where = first.where()
    text = collapse_ws(nfc(first.text)).strip()
    size = len(label)
    if text != label:
        if text.lower().startswith(label.lower()):
            if text[:size] != label:
                c.error("NN-1", f"Viết «{text[:size]}»; NĐ 30: «{label}» (chữ thường).", where)
            if len(text) > size:
                c.error("NN-1", f"Sau «{label}» phải xuống dòng; mỗi nơi nhận một dòng.", where)
        else:
            c.error("NN-1", f"Viết «{text[:20]}»; NĐ 30: «{label}» (có dấu hai chấm).", where)
    label_pieces = [p for p in first.pieces if p.text.strip()]
    # Judge the label's own typography on its first word(s), not on trailing items.
    words = label.lower().rstrip(":").split()
    head = [p for p in label_pieces if any(word in p.text.lower() for word in words)]
    check_typo(
        c,
        "NN-1",
        f"«{label}»",
        head or label_pieces,
        where,
        size=profile.sizes.recipients_label,
        bold=True,
        italic=True,
    )
    fmt = first.para.fmt
    if fmt.jc in ("center", "right"):
        c.error("NN-1", f"«{label}» đang {jc_name(fmt.jc)}; NĐ 30: sát lề trái.", where)
    elif abs(fmt.ind_left + max(0, fmt.first_line)) > 60:
        c.error(
            "NN-1",
            f"«{label}» thụt vào {fmt_cm(twips_to_mm(fmt.ind_left + fmt.first_line))}; NĐ 30: "
            "sát lề trái.",
            where,
        )
    _check_closing_table(model, layout, c, profile)

    archive = f"- {profile.archive_word}: {profile.records_office}, …"  # NN-3
    archive_form = profile.archive_line("<đơn vị soạn thảo>")
    items = lines[1:]
    if not items:
        c.error("NN-2", f"Không có danh sách nơi nhận dưới «{label}».", where)
        c.error("NN-3", f"Thiếu dòng cuối «{archive}».", where)
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
    luu = [it for it in items if profile.archive_word.lower() in nfc(it.text).lower()]
    if not luu:
        c.error(
            "NN-3",
            f"Thiếu dòng «{archive}» ở cuối nơi nhận; NĐ 30: dòng cuối là «{archive_form}»",
            items[-1].where(),
        )
    elif luu[-1] is not items[-1]:
        c.error("NN-3", f"Dòng «{archive}» phải là dòng cuối cùng của nơi nhận.", luu[-1].where())
    elif not _archive_re(profile).match(last_text):
        c.error(
            "NN-3",
            f"Dòng lưu ghi «{last_text}»; NĐ 30: «{archive_form}» (có «{profile.archive_word}:», "
            f"«{profile.records_office}», kết thúc bằng dấu chấm).",
            items[-1].where(),
        )


def _check_signature_table(model: DocModel, layout: Layout, c: Collector) -> None:
    """NN-5 for the signature-only table of an attached text: no borders either."""
    tbl = layout.closing_table
    if tbl is None:
        return
    sides = cell_borders(model, tbl)
    if sides:
        c.error(
            "NN-5",
            f"Bảng chữ ký có đường viền hiện ra khi in (cạnh {', '.join(sides)}); mẫu NĐ 30 "
            "không có viền.",
            tbl.label,
        )


def _check_closing_table(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    label = profile.recipients_label
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
            f"«{label}» không ngang hàng với dòng đầu của khối chữ ký (khác hàng trong bảng); "
            "NĐ 30 đặt hai phần này trên cùng một dòng.",
            rec.label,
        )
    elif sig.col < rec.col:
        c.error(
            "NN-1",
            f"«{label.rstrip(':')}» đang ở bên phải khối chữ ký; NĐ 30: nơi nhận bên trái, chữ ký "
            "bên phải.",
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
                    f"Dòng đầu của ô không nằm ở đầu ô; «{label}» và dòng đầu khối chữ ký nên cùng "
                    "ở dòng đầu mỗi ô.",
                    cell.label,
                )
            elif first is not None and first.index > 0:
                c.warn(
                    "NN-1",
                    f"Có dòng trống phía trên, làm «{label}» và dòng đầu khối chữ ký lệch nhau.",
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
    if layout.signature is None:
        if layout.recipients is not None:
            c.error(
                "KY-1",
                "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên) bên phải "
                f"«{profile.recipients_label.rstrip(':')}».",
                layout.recipients.label,
            )
        elif layout.attached:
            c.error(
                "KY-1",
                "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên) ở cuối văn bản; văn "
                "bản ban hành kèm theo không có nơi nhận riêng nhưng vẫn có chữ ký.",
                layout.named("cuối văn bản"),
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
    if profile.academic_title(shown):
        c.error(
            "KY-3",
            f"Trước họ tên có học hàm, học vị («{shown}»); NĐ 30 không ghi học hàm, học vị trước "
            "họ tên người ký (trừ ngành được phép).",
            nwhere,
        )
    _check_authority(layout, authority, c, profile)


def _check_authority(layout: Layout, authority: list[Line], c: Collector, profile: Profile) -> None:
    printed = _authority_prefixes(profile)  # "TM" → "TM."
    code = _authority_codes(profile)  # "thay_mat" → "TM"
    tm, kt, tl, tuq = (code[k] for k in ("thay_mat", "ky_thay", "thua_lenh", "thua_uy_quyen"))
    prefix_re, miswritten_re = _prefix_re(profile), _miswritten_prefix_re(profile)
    items: list[tuple[str | None, str, Line]] = []
    for ln in authority:
        text = collapse_ws(nfc(ln.display)).strip()
        m = prefix_re.match(text)
        if m:
            items.append((m.group(1).rstrip("."), m.group(2).strip(), ln))
            continue
        bad = miswritten_re.match(text)
        if bad:
            good = bad.group(1).replace("/", "")
            c.error(
                "KY-1",
                f"Viết «{bad.group(1)}»; văn bản hành chính dùng «{printed[good]}» (chữ in hoa, dấu "
                "chấm, một dấu cách).",
                ln.where(),
            )
            rest = text[len(bad.group(1)) :].lstrip(". ")
            items.append((good, rest, ln))
            continue
        items.append((None, text, ln))

    chain = tuple(p for p, _, _ in items if p)
    for i, (prefix, rest, ln) in enumerate(items):
        where = ln.where()
        if prefix == tm and profile.is_personal_title(rest):
            c.error(
                "KT-2",
                f"«{printed[tm]} {rest}»: {printed[tm]} (thay mặt) đứng trước tên tập thể hoặc cơ "
                f"quan (ví dụ «{profile.authority_line('thay_mat', 'ỦY BAN NHÂN DÂN')}»), không "
                "đứng trước chức danh cá nhân.",
                where,
            )
        if prefix is not None and prefix != tm and profile.is_body_name(rest):
            c.error(
                "KT-3",
                f"«{printed[prefix]} {rest}»: sau {printed[prefix]} phải là chức danh người đứng "
                f"đầu (ví dụ «{printed[prefix]} CHỦ TỊCH», «{printed[prefix]} GIÁM ĐỐC»), không "
                "phải tên cơ quan.",
                where,
            )
        if prefix == kt:
            nxt = items[i + 1] if i + 1 < len(items) else None
            if nxt is None or nxt[0] is not None:
                c.error(
                    "KT-1",
                    f"Sau «{printed[kt]} {rest}» thiếu dòng chức vụ của người ký thay (cấp phó, ví "
                    f"dụ «PHÓ {rest}»).",
                    where,
                )
            elif collapse_ws(nxt[1]) == collapse_ws(rest):
                c.error(
                    "KT-1",
                    f"«{printed[kt]} {rest}» rồi «{nxt[1]}»: người ký thay phải là cấp phó, chức vụ "
                    f"khác với chức danh sau {printed[kt]} (ví dụ «PHÓ {rest}»).",
                    nxt[2].where(),
                )
        if prefix == tuq and kt in chain[chain.index(tuq) + 1 :]:
            c.warn(
                "KT-4",
                f"«{printed[tuq]}» kèm «{printed[kt]}»: người được ủy quyền không được ủy quyền lại "
                "cho người khác ký (suy luận từ NĐ 30, chưa có quy định rõ về cách trình bày này).",
                where,
            )
    if chain not in profile.authority_chains and not (tuq in chain and kt in chain):
        named = " và ".join(
            " → ".join(printed[p] for p in known)
            for known in profile.authority_chains
            if len(known) > 1
        )
        c.warn(
            "KT-5",
            f"Kết hợp thẩm quyền ký «{' → '.join(printed[p] for p in chain)}» không thông dụng; "
            f"NĐ 30 chỉ nêu {named.rstrip('.')}.",
            items[0][2].where(),
        )
    issuing = collapse_ws(" ".join(nfc(ln.display) for ln in layout.issuing)).strip()
    authority = collapse_ws(" ".join(nfc(ln.display) for ln in layout.authority)).strip()
    if authority and profile.is_personal_title(authority):
        # A Quyết định of the head ("CHỦ TỊCH ỦY BAN NHÂN DÂN …", Mẫu 1.2): signed by the
        # head or a deputy (KT.), never on behalf of the collective.
        if tm in chain:
            c.warn(
                "KT-6",
                f"Quyết định do «{authority}» ban hành (thẩm quyền cá nhân); không ký "
                f"«{printed[tm]}» (thay mặt tập thể).",
                items[0][2].where(),
            )
        return
    if issuing:
        # TL. (by order of the chairman, e.g. the office head) is also normal for a collective.
        if profile.is_collective_body(issuing) and tm not in chain and tl not in chain:
            body = collapse_ws(nfc(layout.issuing[0].display)).strip()
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ tập thể; thường ký "
                f"«{printed[tm]} {body}» (thay mặt tập thể).",
                items[0][2].where(),
            )
        if profile.is_head_based_body(issuing) and tm in chain:
            others = ", ".join(printed[p] for p in (kt, tl, tuq))
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ thủ trưởng; không dùng "
                f"«{printed[tm]}» (dùng {others} hoặc người đứng đầu ký).",
                items[0][2].where(),
            )


def check_closing(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    _check_recipients(model, layout, c, profile)
    _check_signature(layout, c, profile)
