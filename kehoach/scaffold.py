"""`kehoach new`: a commented skeleton spec, from the `moi.yaml.j2` template.

The skeleton is itself a template so an office can ship its own starting point.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from pathlib import Path

import jinja2

from kehoach.compose.wording import (
    TemplateProblem,
    builtin_template_dir,
    explain,
    template_environment,
)
from kehoach.law.text import body_name_in_text, upper_vi

SKELETON = "moi.yaml.j2"


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


def _yaml_string(value: object) -> str:
    # A JSON string is a valid YAML double-quoted scalar; nothing the user typed can break out.
    return json.dumps(str(value), ensure_ascii=False)


def skeleton(basics: Basics, file_name: str, template_dir: Path | None = None) -> str:
    dirs = [template_dir] if template_dir else []
    env = template_environment([*dirs, builtin_template_dir()], keep_trailing_newline=True)
    env.filters["yq"] = _yaml_string
    try:
        template = env.get_template(SKELETON)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateProblem(
            f"{SKELETON}:{exc.lineno}: sai cú pháp Jinja ({exc.message})"
        ) from exc
    except UnicodeDecodeError as exc:
        raise TemplateProblem(f"mẫu {SKELETON} không được lưu bằng mã hóa UTF-8") from exc
    except (jinja2.TemplateError, RecursionError) as exc:
        raise TemplateProblem(f"mẫu {SKELETON}: {explain(exc)}") from exc
    try:
        return _render(template, basics, file_name)
    except (jinja2.TemplateError, RecursionError) as exc:
        raise TemplateProblem(f"mẫu {SKELETON}: {explain(exc)}") from exc


def _render(template: jinja2.Template, basics: Basics, file_name: str) -> str:
    co_quan = upper_vi(basics.co_quan)
    if "..." in basics.trich_yeu:
        trich_yeu = basics.trich_yeu
    else:
        trich_yeu = basics.trich_yeu[:1].upper() + basics.trich_yeu[1:]
    return template.render(
        co_quan=co_quan,
        chu_quan=upper_vi(basics.chu_quan),
        viet_tat=basics.viet_tat,
        ten_goi=body_name_in_text([co_quan]) or co_quan.capitalize(),
        dia_danh=basics.dia_danh,
        nam=basics.nam,
        trich_yeu=trich_yeu,
        nguoi_ky=basics.nguoi_ky,
        chuc_vu=upper_vi(basics.chuc_vu),
        ten_tep=file_name,
    )
