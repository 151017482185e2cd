"""The two baselines of bench_render.py, each run as its own process over a folder of specs.

    python baselines.py docxtpl TEMPLATE.docx SPECS_DIR OUT_DIR
    python baselines.py python-docx SPECS_DIR OUT_DIR

Both read every YAML spec (libyaml, as kehoach does) and write the same plan kehoach writes:
the header table, type name and trích yếu, căn cứ, numbered parts and items, closing
paragraph, and the Nơi nhận / signature table, in Times New Roman at the NĐ 30 sizes. Neither
validates anything nor measures text: they are what a developer writes without kehoach.
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"]
LETTERS = [*"abcd", "đ", *"eghiklmnopqrstuvxy"]


def _text(value: object) -> str:
    return " ".join(str(value).split())


def _items(items: list, level: int, out: list[tuple[str, str]]) -> None:  # type: ignore[type-arg]
    for n, item in enumerate(items):
        label = (
            f"{n + 1}. " if level == 1 else f"{LETTERS[n % len(LETTERS)]}) " if level == 2 else "- "
        )
        if isinstance(item, str):
            out.append(("body", label + _text(item)))
            continue
        if item.get("tieu_de"):
            out.append(("heading", label + _text(item["tieu_de"])))
        for text in item.get("noi_dung") or []:
            out.append(("body", _text(text)))
        _items(item.get("muc") or [], level + 1, out)


def content(spec: dict) -> dict:  # type: ignore[type-arg]
    """The plan's texts in reading order: what both baselines put on the page."""
    paragraphs: list[tuple[str, str]] = []
    bases = spec.get("can_cu") or []
    for i, text in enumerate(bases):
        paragraphs.append(("basis", _text(text) + (";" if i < len(bases) - 1 else ";")))
    if spec.get("loi_dan"):
        paragraphs.append(("body", _text(spec["loi_dan"])))
    titles = {
        "muc_dich_yeu_cau": "MỤC ĐÍCH, YÊU CẦU",
        "nhiem_vu": "NHIỆM VỤ, GIẢI PHÁP",
        "to_chuc_thuc_hien": "TỔ CHỨC THỰC HIỆN",
    }
    number = 0
    for key, default in titles.items():
        part = spec.get(key)
        if not part:
            continue
        title = _text(part.get("tieu_de") or default).upper()
        paragraphs.append(("heading", f"{ROMAN[number]}. {title}"))
        number += 1
        mo_dau = part.get("mo_dau")
        if mo_dau:
            paragraphs.append(("body", _text(mo_dau)))
        _items(part.get("muc") or [], 1, paragraphs)
        for n, unit in enumerate(part.get("phan_cong") or []):
            paragraphs.append(
                ("body", f"{n + 1}. {_text(unit['don_vi'])}: {_text(unit['nhiem_vu'])}")
            )
        if part.get("ket"):
            paragraphs.append(("body", _text(part["ket"])))
    paragraphs.append(("body", _text(spec.get("ket_luan", "")) + "./."))
    recipients = [
        f"- {_text(r)};" for r in spec.get("noi_nhan") or [] if not str(r).startswith("Lưu")
    ]
    signer = spec["nguoi_ky"]
    authority = [f"TM. {signer['thay_mat']}", f"KT. {signer['ky_thay']}", signer["chuc_vu"]]
    co_quan = spec["co_quan"]
    return {
        "chu_quan": co_quan.get("chu_quan", ""),
        "co_quan": co_quan["ten"],
        "so": f"Số:      /KH-{co_quan['viet_tat']}",
        "ngay": f"{spec['dia_danh']}, ngày     tháng     năm {spec['ngay']}",
        "trich_yeu": _text(spec["trich_yeu"]),
        "paragraphs": paragraphs,
        "noi_nhan": [*recipients, "- Lưu: VT."],
        "tham_quyen": authority,
        "ho_ten": signer["ho_ten"],
    }


def _specs(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.yaml"))


def _load(path: Path) -> dict:  # type: ignore[type-arg]
    return yaml.load(path.read_text("utf-8"), Loader=yaml.CSafeLoader)


def run_docxtpl(template: Path, specs: Path, out: Path) -> None:
    from docxtpl import DocxTemplate

    out.mkdir(parents=True, exist_ok=True)
    for path in _specs(specs):
        document = DocxTemplate(str(template))
        data = content(_load(path))
        data["paragraphs"] = [{"kind": k, "text": t} for k, t in data["paragraphs"]]
        document.render(data)
        document.save(str(out / f"{path.stem}.docx"))


def run_python_docx(specs: Path, out: Path) -> None:
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    def line(target, text: str, size: float, *, bold=False, italic=False, align=None):  # type: ignore[no-untyped-def]
        paragraph = target.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
        run = paragraph.add_run(text)
        run.font.name = "Times New Roman"
        run.font.size = Pt(size)
        run.bold, run.italic = bold, italic
        return paragraph

    out.mkdir(parents=True, exist_ok=True)
    for path in _specs(specs):
        data = content(_load(path))
        document = docx.Document()
        section = document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin = section.bottom_margin = Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        table = document.add_table(rows=2, cols=2)
        left, right = table.cell(0, 0), table.cell(0, 1)
        line(left, data["chu_quan"], 13)
        line(left, data["co_quan"], 13, bold=True)
        line(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
        line(right, "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
        line(table.cell(1, 0), data["so"], 13)
        line(table.cell(1, 1), data["ngay"], 14, italic=True)
        line(document, "KẾ HOẠCH", 14, bold=True)
        line(document, data["trich_yeu"], 14, bold=True)
        for kind, text in data["paragraphs"]:
            paragraph = line(
                document,
                text,
                14,
                bold=kind == "heading",
                italic=kind == "basis",
                align=WD_ALIGN_PARAGRAPH.JUSTIFY,
            )
            paragraph.paragraph_format.first_line_indent = Mm(12.7)
            paragraph.paragraph_format.space_before = Pt(6)
        closing = document.add_table(rows=1, cols=2)
        line(
            closing.cell(0, 0),
            "Nơi nhận:",
            12,
            bold=True,
            italic=True,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
        for text in data["noi_nhan"]:
            line(closing.cell(0, 0), text, 11, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in data["tham_quyen"]:
            line(closing.cell(0, 1), text, 13, bold=True)
        line(closing.cell(0, 1), data["ho_ten"], 14, bold=True)
        document.save(str(out / f"{path.stem}.docx"))


def make_template(path: Path) -> None:
    """The docxtpl template of the same plan, built once with python-docx."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(14)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)

    def add(target, text: str, *, bold=False, italic=False, center=True):  # type: ignore[no-untyped-def]
        paragraph = target.add_paragraph()
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = paragraph.add_run(text)
        run.bold, run.italic = bold, italic

    table = document.add_table(rows=2, cols=2)
    add(table.cell(0, 0), "{{ chu_quan }}")
    add(table.cell(0, 0), "{{ co_quan }}", bold=True)
    add(table.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", bold=True)
    add(table.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", bold=True)
    add(table.cell(1, 0), "{{ so }}")
    add(table.cell(1, 1), "{{ ngay }}", italic=True)
    add(document, "KẾ HOẠCH", bold=True)
    add(document, "{{ trich_yeu }}", bold=True)
    add(document, "{%p for p in paragraphs %}", center=False)
    add(document, "{{ p.text }}", center=False)
    add(document, "{%p endfor %}", center=False)
    closing = document.add_table(rows=1, cols=2)
    add(closing.cell(0, 0), "Nơi nhận:", bold=True, italic=True, center=False)
    add(closing.cell(0, 0), "{%p for r in noi_nhan %}", center=False)
    add(closing.cell(0, 0), "{{ r }}", center=False)
    add(closing.cell(0, 0), "{%p endfor %}", center=False)
    add(closing.cell(0, 1), "{%p for t in tham_quyen %}")
    add(closing.cell(0, 1), "{{ t }}", bold=True)
    add(closing.cell(0, 1), "{%p endfor %}")
    add(closing.cell(0, 1), "{{ ho_ten }}", bold=True)
    document.save(str(path))


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "docxtpl":
        run_docxtpl(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "python-docx":
        run_python_docx(Path(args[0]), Path(args[1]))
    elif kind == "template":
        make_template(Path(args[0]))
    else:
        sys.exit(f"unknown baseline {kind}")
