"""`kehoach new`: a commented skeleton spec, from the `moi.yaml.j2` template (a state plan,
NĐ 30) or `moi-dang.yaml.j2` (a Party plan, HD 05: `kehoach new --dang`).

The skeleton is itself a template so an office can ship its own starting point.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import jinja2

from kehoach.compose.wording import (
    TemplateProblem,
    builtin_template_dir,
    explain,
    run_template,
    syntax_reason,
    template_environment,
)
from kehoach.law.text import body_name_guess, body_name_in_text, lead_office, upper_vi

SKELETON = "moi.yaml.j2"
PARTY_SKELETON = "moi-dang.yaml.j2"


@dataclass
class Basics:
    """What `kehoach new` asks for; defaults fit a commune (two-tier government, L-7)."""

    co_quan: str = "ỦY BAN NHÂN DÂN XÃ ..."
    chu_quan: str = ""
    viet_tat: str = "UBND"
    dia_danh: str = "Địa danh"
    nam: int = field(default_factory=lambda: dt.date.today().year)
    trich_yeu: str = "Triển khai thực hiện ... năm ..."
    nguoi_ky: str = "Nguyễn Văn A"
    chuc_vu: str = "CHỦ TỊCH"
    dang: bool = False  # a Party plan (the_thuc: dang, HD 05)

    @classmethod
    def party(cls) -> Basics:
        """A commune Đảng ủy's plan signed by its Ban Thường vụ (hd05-spec §11): D-CQ-1,
        D-SO-8 ("ĐU"), D-KT-3 ("T/M BAN THƯỜNG VỤ" / "PHÓ BÍ THƯ"), D-TL-2 (lower case)."""
        return cls(
            co_quan="ĐẢNG ỦY XÃ ...",
            chu_quan="ĐẢNG BỘ TỈNH ...",
            viet_tat="ĐU",
            trich_yeu="thực hiện ... năm ...",
            chuc_vu="PHÓ BÍ THƯ",
            dang=True,
        )

    def party_code(self) -> str:
        """D-SO-8: the body code of the Party body named in ``co_quan``: "CB" for a chi bộ,
        else the one given (a đảng ủy and its Ban Thường vụ: "ĐU")."""
        return "CB" if upper_vi(self.co_quan).startswith("CHI BỘ") else self.viet_tat

    @property
    def template(self) -> str:
        """The skeleton this plan starts from."""
        return PARTY_SKELETON if self.dang else SKELETON

    def is_placeholder(self, key: str) -> bool:
        """Whether ``key`` still holds a stand-in for the clerk to replace ("ỦY BAN NHÂN DÂN
        XÃ ...", "Địa danh"), not a value anyone chose."""
        value = getattr(self, key)
        return isinstance(value, str) and (
            bool(_PLACEHOLDER.search(value)) or value in _SAMPLE_VALUES
        )


# What marks a stand-in value of the skeleton.
_PLACEHOLDER = re.compile(r"\.\.\.|…")
_SAMPLE_VALUES = frozenset({"Địa danh", "Nguyễn Văn A"})


class Field(NamedTuple):
    """One thing `kehoach new` asks for: the question, and where the spec validator reports
    a problem with the answer (key paths of the skeleton it fills)."""

    question: str
    keys: tuple[str, ...]
    optional: bool = False  # an empty answer means "none" (not "fill in later")


FIELDS: dict[str, Field] = {
    "co_quan": Field("Tên cơ quan ban hành", ("co_quan.ten", "co_quan.ten_goi")),
    "chu_quan": Field("Cơ quan chủ quản", ("co_quan.chu_quan",), optional=True),
    "viet_tat": Field("Chữ viết tắt của cơ quan", ("co_quan.viet_tat", "ky_hieu")),
    "dia_danh": Field("Địa danh", ("dia_danh",)),
    "nam": Field("Năm ban hành", ("ngay",)),
    "trich_yeu": Field("Trích yếu", ("trich_yeu",)),
    "nguoi_ky": Field("Họ tên người ký", ("nguoi_ky.ho_ten",)),
    "chuc_vu": Field(
        "Chức vụ người ký", ("nguoi_ky.chuc_vu", "nguoi_ky.thay_mat", "nguoi_ky.ky_thay")
    ),
}


def head_of(position: str) -> str:
    """The head a deputy signs for: "Phó Chủ tịch" → "CHỦ TỊCH", "PHÓ GIÁM ĐỐC THƯỜNG TRỰC"
    → "GIÁM ĐỐC"; "" when ``position`` is not a deputy's."""
    words = upper_vi(position).split()
    if len(words) < 2 or words[0] != "PHÓ":
        return ""
    head = " ".join(words[1:])
    return head.removesuffix(" THƯỜNG TRỰC")


def concerns(key_path: str, keys: tuple[str, ...]) -> bool:
    """Whether a diagnostic at ``key_path`` is about one of ``keys`` (or inside it)."""
    return any(key_path == k or key_path.startswith((f"{k}.", f"{k}[")) for k in keys)


def parse_year(text: str) -> int:
    """A year as the clerk types it ("2026"); ValueError with a Vietnamese reason."""
    value = text.strip()
    if not re.fullmatch(r"[0-9]{1,4}", value):
        raise ValueError(f"'{text}' không phải là năm; viết năm bằng chữ số, ví dụ 2026")
    return int(value)


_SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def shell_quote(text: str) -> str:
    """``text`` as one argument of the user's shell, for a command we suggest: as it is when
    it needs no quotes (Vietnamese letters need none), else in '…' (POSIX) or "…" (Windows)."""
    if text.startswith("-"):  # not to be read as an option
        text = os.path.join(".", text)
    if os.name == "nt":
        return text if re.fullmatch(r"[\w@%+=:,./\\-]+", text) else f'"{text}"'
    if text and _SHELL_SAFE.fullmatch(text):
        return text
    return "'" + text.replace("'", "'\"'\"'") + "'"


def _yaml_string(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar; nothing the user typed can break out.
    return json.dumps(str(value), ensure_ascii=False)


def skeleton(basics: Basics, file_name: str, template_dir: Path | None = None) -> str:
    dirs = [template_dir] if template_dir else []
    env = template_environment([*dirs, builtin_template_dir()], keep_trailing_newline=True)
    env.filters["yq"] = _yaml_string
    name = basics.template
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        reason = syntax_reason(exc.message or "")
        raise TemplateProblem(f"{name}:{exc.lineno}: sai cú pháp Jinja ({reason})") from exc
    except UnicodeDecodeError as exc:
        raise TemplateProblem(f"mẫu {name} không được lưu bằng mã hóa UTF-8") from exc
    except (jinja2.TemplateError, RecursionError) as exc:
        raise TemplateProblem(f"mẫu {name}: {explain(exc)}") from exc
    try:  # an office's skeleton is input: bounded in time and output like its wording
        return run_template(f"mẫu {name}", lambda: _render(template, basics, file_name))
    except TemplateProblem as problem:
        cause = problem.__cause__
        if isinstance(cause, jinja2.TemplateNotFound):
            # Jinja's own text is English and lists the search folders by absolute path.
            where = f"thư mục {template_dir}" if template_dir else "các mẫu có sẵn"
            raise TemplateProblem(
                f"mẫu {name}: không tìm thấy mẫu '{cause.name}' trong {where}"
            ) from cause
        raise


# D-CQ-1: the unit words of a Party body's name ("ĐẢNG ỦY XÃ AN PHÚ", "CHI BỘ THÔN …").
_PARTY_BODY = re.compile(r"^(ĐẢNG (ỦY|UỶ)|CHI BỘ) (XÃ|PHƯỜNG|ĐẶC KHU|THÔN|TỔ DÂN PHỐ) (.+)$")


def party_name_in_text(name: str) -> str | None:
    """How a Party body signing through its Ban Thường vụ reads in a sentence (VH-9, the
    worked example of hd05-spec §11): "ĐẢNG ỦY XÃ AN PHÚ" → "Ban Thường vụ Đảng ủy xã An
    Phú"; "CHI BỘ THÔN AN LẠC" → "Chi bộ thôn An Lạc"."""
    match = _PARTY_BODY.match(name)
    if match is None:
        return None
    body, _, unit, rest = match.groups()
    words = [w if w == "..." else w.capitalize() for w in rest.split()]
    in_text = f"{body.capitalize()} {unit.lower()} {' '.join(words)}"
    return in_text if body.startswith("CHI BỘ") else f"Ban Thường vụ {in_text}"


# KT-6: the head who signs for a body run by its head, when `new` was not told the position
# (the default "CHỦ TỊCH" is a commune's).
_HEADS = (
    ("SỞ ", "GIÁM ĐỐC"),
    ("TRƯỜNG ", "HIỆU TRƯỞNG"),
    ("PHÒNG ", "TRƯỞNG PHÒNG"),
    ("TRUNG TÂM ", "GIÁM ĐỐC"),
    ("BỆNH VIỆN ", "GIÁM ĐỐC"),
    ("CHI CỤC ", "CHI CỤC TRƯỞNG"),
)


def default_position(co_quan: str, given: str) -> str:
    """``given``, unless it is the commune default and the body is run by another head."""
    if given != Basics.chuc_vu:
        return given
    name = upper_vi(co_quan)
    return next((head for start, head in _HEADS if name.startswith(start)), given)


def _render(template: jinja2.Template, basics: Basics, file_name: str) -> str:
    co_quan = upper_vi(basics.co_quan)
    if "..." in basics.trich_yeu or basics.dang:
        trich_yeu = basics.trich_yeu  # D-TL-2: a Party trích yếu starts in lower case
    else:
        trich_yeu = basics.trich_yeu[:1].upper() + basics.trich_yeu[1:]
    in_text = party_name_in_text(co_quan) if basics.dang else body_name_in_text([co_quan])
    return template.render(
        # D-KT-2: a chi bộ signs "T/M CHI BỘ"; a đảng ủy's plan, through its Ban Thường vụ.
        thay_mat="CHI BỘ" if co_quan.startswith("CHI BỘ") else "BAN THƯỜNG VỤ",
        co_quan=co_quan,
        chu_quan=upper_vi(basics.chu_quan),
        viet_tat=basics.viet_tat,
        ten_goi=in_text or body_name_guess([co_quan]),
        # The office charged first in Tổ chức thực hiện; a stand-in where the name says none.
        van_phong=lead_office(co_quan, under_province=bool(basics.chu_quan)) or "Văn phòng ...",
        dia_danh=basics.dia_danh,
        nam=basics.nam,
        trich_yeu=trich_yeu,
        nguoi_ky=basics.nguoi_ky,
        chuc_vu=upper_vi(
            default_position(co_quan, basics.chuc_vu) if not basics.dang else basics.chuc_vu
        ),
        # NĐ 30: a deputy signs for the head ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"); "" otherwise.
        ky_thay=head_of(default_position(co_quan, basics.chuc_vu)) if not basics.dang else "",
        ten_tep=file_name,
        # The file name as one shell argument, for the commands the skeleton suggests.
        ten_tep_lenh=shell_quote(file_name),
    )
