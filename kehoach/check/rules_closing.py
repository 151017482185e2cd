"""Recipients ("Nơi nhận", NN-*), signature typography (KY-*) and signing authority
(KT-1..KT-6).

Under HD 05 the same rules report D-NN-1..D-NN-5 ("Nơi nhận:" regular and underlined, items
12 pt, last line "- Lưu Văn phòng Đảng ủy." without colon), D-KY-1..D-KY-6 (the position not
bold) and D-KT-1..D-KT-5 (T/M, K/T, T/L; no K/T under T/M or T/L). The prefixes, the forms
and the word lists are the profile's."""

from __future__ import annotations

import re

from kehoach.law.profile import Profile
from kehoach.law.profiles import PROFILES
from kehoach.law.text import attached_issuer

from .docmodel import DocModel, Line
from .findings import Collector
from .locate import Layout, nfc
from .ooxml import collapse_ws, fmt_cm, twips_to_mm
from .recognise import law_archive_colon, prefix_of
from .tables import cell_borders
from .typo import check_centered, check_typo, is_upper, jc_name, y_offset_mm


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
    """NN-3: ``- Lưu: VT, <unit>.``, as the profile's archive word and records office read;
    D-NN-5: ``- Lưu <office>.``, no colon, any office (``archive_line`` tells which)."""
    word, office = re.escape(profile.archive_word), re.escape(profile.records_office)
    if law_archive_colon(profile):
        return re.compile(rf"^-\s*{word}\s*:\s*{office}\b.*\.$")
    return re.compile(rf"^-\s*{word}\s+[^\s:;.][^:]*[^.;,:]\.$")


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
            f"như mẫu {c.law}; khó bảo đảm «{label}» ngang hàng với dòng đầu khối chữ ký.",
            lines[0].where(),
        )
    first = lines[0]
    where = first.where()
    text = collapse_ws(nfc(first.text)).strip()
    size = len(label)
    if text != label:
        if text.lower().startswith(label.lower()):
            if text[:size] != label:
                c.error("NN-1", f"Viết «{text[:size]}»; {c.law}: «{label}» (chữ thường).", where)
            if len(text) > size:
                c.error("NN-1", f"Sau «{label}» phải xuống dòng; mỗi nơi nhận một dòng.", where)
        else:
            c.error("NN-1", f"Viết «{text[:20]}»; {c.law}: «{label}» (có dấu hai chấm).", where)
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
        bold=profile.recipients_label_bold,
        italic=profile.recipients_label_italic,
        # D-NN-2: the words underlined; the colon either way (UNCONFIRMED).
        underline=True if profile.recipients_label_underline else None,
    )
    fmt = first.para.fmt
    if fmt.jc in ("center", "right"):
        c.error("NN-1:place", f"«{label}» đang {jc_name(fmt.jc)}; {c.law}: sát lề trái.", where)
    elif abs(fmt.ind_left + max(0, fmt.first_line)) > 60:
        c.error(
            "NN-1:place",
            f"«{label}» thụt vào {fmt_cm(twips_to_mm(fmt.ind_left + fmt.first_line))}; {c.law}: "
            "sát lề trái.",
            where,
        )
    _check_closing_table(model, layout, c, profile)

    colon = law_archive_colon(profile)
    if colon:
        archive = f"- {profile.archive_word}: {profile.records_office}, …"  # NN-3
        archive_form = profile.archive_line("<đơn vị soạn thảo>")
    else:
        archive = f"- {profile.archive_word} …"  # D-NN-5
        archive_form = profile.archive_line()
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
        if not last and itext.endswith(",") and profile.predecessor is not None:
            c.warn(
                "NN-2:legacy",
                f"Nơi nhận «{itext[:30]}» kết thúc bằng dấu «,» (cách ghi theo "
                f"{profile.predecessor}); {c.law}: mỗi nơi nhận kết thúc bằng dấu «;».",
                iwhere,
            )
        elif not last and not itext.endswith(";"):
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
            f"Thiếu dòng «{archive}» ở cuối nơi nhận; {c.law}: dòng cuối là «{archive_form}»",
            items[-1].where(),
        )
    elif luu[-1] is not items[-1]:
        c.error("NN-3", f"Dòng «{archive}» phải là dòng cuối cùng của nơi nhận.", luu[-1].where())
    elif not _archive_re(profile).match(last_text):
        if colon:
            detail = (
                f"có «{profile.archive_word}:», «{profile.records_office}», kết thúc bằng dấu chấm"
            )
        else:
            detail = (
                f"«{profile.archive_word}» rồi tên đơn vị lưu, không có dấu hai chấm, kết thúc "
                "bằng dấu chấm"
            )
        c.error(
            "NN-3",
            f"Dòng lưu ghi «{last_text}»; {c.law}: «{archive_form}» ({detail}).",
            items[-1].where(),
        )
    elif not colon:
        office = next(
            (
                p.records_office
                for p in PROFILES.values()
                if law_archive_colon(p)
                and re.search(rf"\b{re.escape(p.records_office)}\b", last_text)
            ),
            None,
        )
        if office is not None:
            c.error(
                "NN-3",
                f"Dòng lưu ghi «{last_text}»; {c.law} không ghi «{office}» mà ghi tên đơn vị lưu, "
                f"ví dụ «{archive_form}».",
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
            f"Bảng chữ ký có đường viền hiện ra khi in (cạnh {', '.join(sides)}); mẫu {c.law} "
            "không có viền.",
            tbl.label,
        )


# NN-1: two first lines this close (mm) print on the same line.
_LEVEL_MM = 1.0


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
            f"{c.law} không có viền.",
            tbl.label,
        )
    if sig is None:
        return
    if sig.row != rec.row:
        c.error(
            "NN-1:place",
            f"«{label}» không ngang hàng với dòng đầu của khối chữ ký (khác hàng trong bảng); "
            f"{c.law} đặt hai phần này trên cùng một dòng.",
            rec.label,
        )
    elif sig.col < rec.col:
        c.error(
            "NN-1:place",
            f"«{label.rstrip(':')}» đang ở bên phải khối chữ ký; {c.law}: nơi nhận bên trái, chữ ký "
            "bên phải.",
            rec.label,
        )
    else:
        first_rec = next((p for p in rec.paras if p.has_text), None)
        first_sig = next((p for p in sig.paras if p.has_text), None)
        # How far down its cell each first line starts: blank lines above both, of the same
        # height (python-docx's empty first paragraph in every cell), leave them level.
        tops = [
            y_offset_mm(first.text_lines[0]) if first is not None else 0.0
            for first in (first_rec, first_sig)
        ]
        for (cell, first), top, other in zip(
            ((rec, first_rec), (sig, first_sig)), tops, reversed(tops), strict=True
        ):
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
            elif first is not None and top > other + _LEVEL_MM:
                cause = (
                    "Có dòng trống phía trên"
                    if first.index > 0
                    else "Khoảng cách phía trên dòng đầu của ô lớn hơn ở ô bên kia"
                )
                c.warn(
                    "NN-1:place",
                    f"{cause}, làm «{label}» và dòng đầu khối chữ ký lệch nhau.",
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
                "KY-1:missing",
                "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên) bên phải "
                f"«{profile.recipients_label.rstrip(':')}».",
                layout.recipients.label,
            )
        elif layout.attached:
            c.error(
                "KY-1:missing",
                "Không tìm thấy khối chữ ký (thẩm quyền, chức vụ, họ tên) ở cuối văn bản; văn "
                "bản ban hành kèm theo không có nơi nhận riêng nhưng vẫn có chữ ký.",
                layout.named("cuối văn bản"),
            )
        return
    authority, _middle, name, has_space = _split_signature(layout)
    if name is None or not authority:
        c.error(
            "KY-1:missing",
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
    prefix_re, miswritten_re = _prefix_re(profile), _miswritten_prefix_re(profile)
    foreign = _foreign_prefixes(profile)
    for ln in authority:
        text = collapse_ws(nfc(ln.display)).strip()
        prefixed = bool(
            prefix_re.match(text) or miswritten_re.match(text) or prefix_of(text, foreign)
        )
        # KY-1: authority and position bold; D-KY-2, D-KY-3: the position regular.
        what = "Dòng thẩm quyền, chức vụ"
        if not profile.position_bold:
            what = "Dòng thẩm quyền" if prefixed else "Dòng chức vụ"
        check_typo(
            c,
            "KY-1" if prefixed else "KY-1:position",
            what,
            ln.pieces,
            ln.where(),
            size=profile.sizes.authority,
            bold=True if prefixed else profile.position_bold,
            italic=False,
            upper=True,
        )
        check_centered(c, "KY-1:centre", what, ln.para, ln.where())
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
            f"Họ tên «{shown}» viết in hoa toàn bộ; {c.law}: chữ thường, viết hoa chữ cái đầu mỗi "
            "âm tiết.",
            nwhere,
        )
    check_centered(c, "KY-2", "Họ tên người ký", name.para, nwhere)
    if profile.academic_title(shown):
        c.error(
            "KY-3",
            f"Trước họ tên có học hàm, học vị («{shown}»); {c.law} không ghi học hàm, học vị trước "
            "họ tên người ký (trừ ngành được phép).",
            nwhere,
        )
    _check_authority(layout, authority, c, profile)


def _foreign_prefixes(profile: Profile) -> dict[str, str | None]:
    """D-KT-1: the prefixes another law prints and this one does not ("TM." in a Party
    document), each with this law's prefix for the same authority (None: no such one)."""
    own = dict(profile.authority_prefixes)
    printed = set(own.values())
    out: dict[str, str | None] = {}
    for other in PROFILES.values():
        for key, prefix in other.authority_prefixes:
            if prefix not in printed:
                out.setdefault(prefix, own.get(key))
    return out


def _check_authority(layout: Layout, authority: list[Line], c: Collector, profile: Profile) -> None:
    printed = _authority_prefixes(profile)  # "TM" → "TM."
    code = _authority_codes(profile)  # "thay_mat" → "TM"
    tm, kt, tl, tuq = (code.get(k) for k in ("thay_mat", "ky_thay", "thua_lenh", "thua_uy_quyen"))
    # KT-2, KT-3; D-KT-5: the prefixes a collective's name follows (TM.; T/M and T/L).
    before_body = {code[k] for k in profile.body_authorities if k in code}
    positions = profile.collective_positions  # D-KY-5: empty under NĐ 30
    prefix_re, miswritten_re = _prefix_re(profile), _miswritten_prefix_re(profile)
    foreign = _foreign_prefixes(profile)
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
        other = prefix_of(text, foreign)
        if other is not None:
            own = foreign[other]
            rest = text[len(other) :].strip()
            if own is not None:
                c.error(
                    "KY-1:prefix",
                    f"Viết «{other}»; {c.law} dùng «{own}» («{own} {rest}»).",
                    ln.where(),
                )
            else:
                shown = ", ".join(f"«{p}»" for _k, p in profile.authority_prefixes)
                c.error(
                    "KY-1:prefix",
                    f"Viết «{other}»; {c.law} không có hình thức ký này (chỉ có {shown}).",
                    ln.where(),
                )
            items.append((own.rstrip(".") if own else None, rest, ln))
            continue
        items.append((None, text, ln))

    chain = tuple(p for p, _, _ in items if p)
    heads = c.vocab.head_examples
    for i, (prefix, rest, ln) in enumerate(items):
        where = ln.where()
        if prefix == tm and profile.is_personal_title(rest):
            c.error(
                "KT-2",
                f"«{printed[tm]} {rest}»: {printed[tm]} (thay mặt) đứng trước tên tập thể hoặc cơ "
                f"quan (ví dụ «{profile.authority_line('thay_mat', c.vocab.collective_example)}»), "
                "không đứng trước chức danh cá nhân.",
                where,
            )
        if prefix is not None and prefix not in before_body and profile.is_body_name(rest):
            c.error(
                "KT-3",
                f"«{printed[prefix]} {rest}»: sau {printed[prefix]} phải là chức danh người đứng "
                f"đầu (ví dụ «{printed[prefix]} {heads[0]}», «{printed[prefix]} {heads[1]}»), "
                "không phải tên cơ quan.",
                where,
            )
        if prefix == kt and positions and rest in positions:
            c.error(
                "KT-3:deputy",
                f"«{printed[kt]} {rest}»: {c.law} không ký thay chức danh của tập thể; cấp phó ký "
                f"«{printed[tm]} <tập thể>» rồi ghi chức vụ của mình (ví dụ «{positions[1]}»).",
                where,
            )
        elif prefix == kt:
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
        if tuq is not None and prefix == tuq and kt in chain[chain.index(tuq) + 1 :]:
            c.warn(
                "KT-4",
                f"«{printed[tuq]}» kèm «{printed[kt]}»: người được ủy quyền không được ủy quyền lại "
                f"cho người khác ký (suy luận từ {c.law}, chưa có quy định rõ về cách trình bày này).",
                where,
            )
    if positions and chain == (tm,):
        # D-KY-5: under T/M only the collective's own positions, nothing after them.
        position = next((it for it in items if it[0] is None and it[1][:1].isupper()), None)
        if position is not None and collapse_ws(position[1]) not in positions:
            c.error(
                "KT-2:position",
                f"Chức vụ «{position[1]}» dưới «{printed[tm]} …»: {c.law} chỉ ghi "
                f"{', '.join(f'«{p}»' for p in positions)}, không ghi thêm tên cơ quan sau chức vụ.",
                position[2].where(),
            )
    if chain not in profile.authority_chains and not (tuq in chain and kt in chain):
        chains = profile.authority_chains
        shown = " → ".join(printed[p] for p in chain)
        if kt in chain and tm in chain and (tm, kt) not in chains:
            c.error(
                "KT-5:tm",
                f"Ký «{shown}»: {c.law} không ký thay dưới «{printed[tm]}»; cấp phó ký "
                f"«{printed[tm]} <tập thể>» trực tiếp rồi ghi chức vụ của mình.",
                items[0][2].where(),
            )
        elif kt in chain and tl in chain and (tl, kt) not in chains:
            c.error(
                "KT-5:tl",
                f"Ký «{shown}»: {c.law} không ký thay dưới «{printed[tl]}»; người được giao ký "
                f"«{printed[tl]} <tập thể>» trực tiếp rồi ghi chức vụ của mình.",
                items[0][2].where(),
            )
        else:
            named = " và ".join(
                " → ".join(printed[p] for p in known) for known in chains if len(known) > 1
            )
            if not named:
                alone = ", ".join(f"«{printed[p]}»" for known in chains for p in known)
                named = f"{alone} đứng một mình"
            c.warn(
                "KT-5",
                f"Kết hợp thẩm quyền ký «{shown}» không thông dụng; {c.law} chỉ nêu "
                f"{named.rstrip('.')}.",
                items[0][2].where(),
            )
    issuing = collapse_ws(" ".join(nfc(ln.display) for ln in layout.issuing)).strip()
    authority = collapse_ws(" ".join(nfc(ln.display) for ln in layout.signs_for)).strip()
    if not authority and layout.note:  # attached to a decision issued apart: its note names it
        authority = attached_issuer(" ".join(nfc(ln.display) for ln in layout.note)) or ""
    if authority and profile.is_personal_title(authority):
        # A Quyết định of the head ("CHỦ TỊCH ỦY BAN NHÂN DÂN …", Mẫu 1.2), and the text it
        # issues (Mẫu 1.3): signed by the head or a deputy (KT.), never on behalf of the
        # collective.
        if tm in chain:
            c.warn(
                "KT-6",
                f"Quyết định do «{authority}» ban hành (thẩm quyền cá nhân); không ký "
                f"«{printed[tm]}» (thay mặt tập thể).",
                items[0][2].where(),
            )
        return
    if issuing:
        # KT-6: TM., or an authority that stands on its own (TL., TUQ., Q.; T/L for a Party
        # body) as the profile lists them.
        enough = {code[k] for k in profile.collective_authorities if k in code}
        if profile.is_collective_body(issuing) and not enough & set(chain):
            body = collapse_ws(nfc(layout.issuing[0].display)).strip()
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ tập thể; thường ký "
                f"«{printed[tm]} {body}» (thay mặt tập thể).",
                items[0][2].where(),
            )
        if profile.is_head_based_body(issuing) and tm in chain:
            others = ", ".join(printed[p] for p in (kt, tl, tuq) if p is not None)
            c.warn(
                "KT-6",
                f"Cơ quan ban hành «{issuing}» làm việc theo chế độ thủ trưởng; không dùng "
                f"«{printed[tm]}» (dùng {others} hoặc người đứng đầu ký).",
                items[0][2].where(),
            )


def check_closing(model: DocModel, layout: Layout, c: Collector, profile: Profile) -> None:
    _check_recipients(model, layout, c, profile)
    _check_signature(layout, c, profile)
