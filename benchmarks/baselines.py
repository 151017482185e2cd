"""The two baselines of bench_render.py, each run as its own process over a folder of specs,
and the floor kehoach is measured against.

    python baselines.py docxtpl TEMPLATE.docx SPECS_DIR OUT_DIR
    python baselines.py python-docx SPECS_DIR OUT_DIR
    python baselines.py floor DOCUMENT.xml SPECS_DIR OUT_DIR

Both read every YAML spec (libyaml, as kehoach does) and write the same plan kehoach writes,
with the same formatting (``build``): the header table, type name and trích yếu, căn cứ,
numbered parts and items, closing paragraph, the Nơi nhận / signature table and the page
number. Neither validates anything nor measures text (widths are fixed): they are what a
developer writes without kehoach.
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
    for text in bases:
        paragraphs.append(("basis", _text(text) + ";"))
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
    out.mkdir(parents=True, exist_ok=True)
    for path in _specs(specs):
        build(content(_load(path))).save(str(out / f"{path.stem}.docx"))


def run_floor(document_xml: Path, specs: Path, out: Path) -> None:
    """The libraries' share of kehoach's work and none of its own: what the project's rules
    (typer, pydantic, Jinja, markdown-it, PyYAML) cost at start-up, with kehoach's pydantic
    model built, and per plan libyaml reading the spec, pydantic validating it, zlib packing a
    document.xml as large as the plan's and the file written. No kehoach can be faster, so a
    baseline's time over this one is the most kehoach can be faster than that baseline."""
    import zlib

    import jinja2  # noqa: F401  (imported for their start-up cost, as kehoach imports them)
    import markdown_it  # noqa: F401
    import typer.main  # noqa: F401

    from kehoach.law.nd30 import ND30
    from kehoach.spec.loader import _FAST_LOADER
    from kehoach.spec.model import KeHoach

    xml = document_xml.read_bytes()
    out.mkdir(parents=True, exist_ok=True)
    for path in _specs(specs):
        data = yaml.load(path.read_text("utf-8"), Loader=_FAST_LOADER)
        KeHoach.model_validate(data, context={"profile": ND30})
        packer = zlib.compressobj(6, zlib.DEFLATED, -15)
        (out / f"{path.stem}.docx").write_bytes(packer.compress(xml) + packer.flush())


def make_template(path: Path) -> None:
    """The docxtpl template of the same plan: the python-docx baseline's document with Jinja
    tags where the texts go, so both baselines carry the same formatting as kehoach's."""
    build(None).save(str(path))


def build(data: dict | None):  # type: ignore[no-untyped-def,type-arg]
    """The plan as python-docx builds it with kehoach's formatting: A4 and margins, the page
    number field in the header (none on page 1), borderless fixed-width tables, Times New
    Roman on all four font slots of every run, NĐ 30 sizes, body paragraph format, rules as
    bottom borders. ``data=None`` writes Jinja tags instead of texts (the docxtpl template)."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    center, left, justify = (
        WD_ALIGN_PARAGRAPH.CENTER,
        WD_ALIGN_PARAGRAPH.LEFT,
        WD_ALIGN_PARAGRAPH.JUSTIFY,
    )

    def fmt_run(run, size: float, bold: bool, italic: bool) -> None:  # type: ignore[no-untyped-def]
        run.font.size = Pt(size)
        run.bold, run.italic = bold, italic
        fonts = run._r.get_or_add_rPr().get_or_add_rFonts()
        for slot in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(slot), "Times New Roman")

    def line(target, text: str, size: float, *, bold=False, italic=False, align=center):  # type: ignore[no-untyped-def]
        paragraph = target.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.alignment = align
        fmt.space_before = fmt.space_after = Pt(0)
        fmt.line_spacing = 1.0
        if text:
            fmt_run(paragraph.add_run(text), size, bold, italic)
        return paragraph

    def rule(target, length_mm: float, box_mm: float) -> None:  # type: ignore[no-untyped-def]
        paragraph = line(target, "", 2)
        side = Mm((box_mm - length_mm) / 2)
        paragraph.paragraph_format.left_indent = paragraph.paragraph_format.right_indent = side
        paragraph.paragraph_format.line_spacing = Pt(3)
        borders = OxmlElement("w:pBdr")
        bottom = OxmlElement("w:bottom")
        for key, value in (("val", "single"), ("sz", "6"), ("space", "1"), ("color", "000000")):
            bottom.set(qn(f"w:{key}"), value)
        borders.append(bottom)
        paragraph._p.get_or_add_pPr().append(borders)

    def table(target, widths: list[float], rows: int):  # type: ignore[no-untyped-def]
        made = target.add_table(rows=rows, cols=len(widths))
        made.autofit = False
        borders = OxmlElement("w:tblBorders")
        for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
            edge = OxmlElement(f"w:{side}")
            edge.set(qn("w:val"), "nil")
            borders.append(edge)
        made._tbl.tblPr.append(borders)
        for row in made.rows:
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = Mm(width)
        return made

    def tag(key: str) -> str:
        return "{{ " + key + " }}"

    text = tag if data is None else data.__getitem__
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin = section.bottom_margin = Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    section.header_distance = Mm(10)
    section.different_first_page_header_footer = True
    number = section.header.paragraphs[0]
    number.alignment = center
    for kind in ("begin", "instr", "separate", "end"):
        run = number.add_run()
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.text = " PAGE "
            run._r.append(instr)
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        fmt_run(run, 14, False, False)

    head = table(document, [65.0, 103.8], 2)
    line(head.cell(0, 0), text("chu_quan"), 13)
    line(head.cell(0, 0), text("co_quan"), 13, bold=True)
    rule(head.cell(0, 0), 18, 61)
    line(head.cell(0, 1), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 13, bold=True)
    line(head.cell(0, 1), "Độc lập - Tự do - Hạnh phúc", 14, bold=True)
    rule(head.cell(0, 1), 60.5, 100)
    line(head.cell(1, 0), text("so"), 13)
    line(head.cell(1, 1), text("ngay"), 14, italic=True)
    line(document, "", 14)
    line(document, "KẾ HOẠCH", 14, bold=True)
    line(document, text("trich_yeu"), 14, bold=True).paragraph_format.keep_with_next = True
    rule(document, 40, 165)

    def body(kind: str, value: str) -> None:
        paragraph = line(document, value, 14, bold=kind == "heading", italic=kind == "basis")
        fmt = paragraph.paragraph_format
        fmt.alignment = justify
        fmt.first_line_indent = Mm(12.7)
        fmt.space_before = Pt(6)
        fmt.line_spacing = 1.15
        fmt.keep_with_next = kind == "heading"

    if data is None:
        line(document, "{%p for p in paragraphs %}", 14, align=left)
        for kind in ("basis", "heading", "body"):
            line(document, "{%p if p.kind == '" + kind + "' %}", 14, align=left)
            body(kind, "{{ p.text }}")
            line(document, "{%p endif %}", 14, align=left)
        line(document, "{%p endfor %}", 14, align=left)
    else:
        for kind, value in data["paragraphs"]:
            body(kind, value)

    line(document, "", 12).paragraph_format.keep_with_next = True
    closing = table(document, [65.8, 103.0], 1)
    closing.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    recipients, signer = closing.cell(0, 0), closing.cell(0, 1)
    line(recipients, "Nơi nhận:", 12, bold=True, italic=True, align=left)
    loops = [
        (recipients, "noi_nhan", "r", 11, False, left),
        (signer, "tham_quyen", "t", 13, True, center),
    ]
    for cell, key, name, size, bold, align in loops:
        if data is None:
            line(cell, "{%p for " + name + " in " + key + " %}", size, align=align)
            line(cell, tag(name), size, bold=bold, align=align)
            line(cell, "{%p endfor %}", size, align=align)
        else:
            for value in data[key]:
                line(cell, value, size, bold=bold, align=align)
    for _ in range(4):
        line(signer, "", 14)
    line(signer, text("ho_ten"), 14, bold=True)
    return document


if __name__ == "__main__":
    kind, *args = sys.argv[1:]
    if kind == "docxtpl":
        run_docxtpl(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "python-docx":
        run_python_docx(Path(args[0]), Path(args[1]))
    elif kind == "floor":
        run_floor(Path(args[0]), Path(args[1]), Path(args[2]))
    elif kind == "template":
        make_template(Path(args[0]))
    else:
        sys.exit(f"unknown baseline {kind}")
