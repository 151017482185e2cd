"""Effective-formatting resolution (reader.py) on hand-written OOXML fragments."""

from __future__ import annotations

from lxml import etree

from kehoach.check.reader import StyleSheet

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = f'xmlns:w="{W}"'
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def styles(body: str, defaults: str = "") -> etree._Element:
    return etree.fromstring(
        f"<w:styles {NS}><w:docDefaults>{defaults}</w:docDefaults>{body}</w:styles>"
    )


def para(xml: str) -> etree._Element:
    return etree.fromstring(f"<w:p {NS}>{xml}</w:p>")


def first_run(p: etree._Element) -> etree._Element:
    return p.find(f"{{{W}}}r")


NORMAL = (
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    "</w:style>"
)
THEME = etree.fromstring(
    f'<a:theme xmlns:a="{A}"><a:themeElements><a:clrScheme name="x">'
    '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
    '<a:accent1><a:srgbClr val="4F81BD"/></a:accent1></a:clrScheme>'
    '<a:fontScheme name="x"><a:majorFont><a:latin typeface="Calibri Light"/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Times New Roman"/></a:minorFont></a:fontScheme>'
    "</a:themeElements></a:theme>"
)


def test_doc_defaults_apply_when_nothing_else_does() -> None:
    sheet = StyleSheet(
        styles(
            NORMAL,
            '<w:rPrDefault><w:rPr><w:rFonts w:ascii="Arial" w:hAnsi="Arial"/>'
            '<w:sz w:val="26"/></w:rPr></w:rPrDefault>',
        )
    )
    p = para("<w:r><w:t>x</w:t></w:r>")
    fmt = sheet.run_format(first_run(p), p, None)
    assert (fmt.font_ascii, fmt.size_pt, fmt.bold) == ("Arial", 13.0, False)


def test_based_on_chain_and_direct_override() -> None:
    body = NORMAL + (
        '<w:style w:type="paragraph" w:styleId="Base"><w:basedOn w:val="Normal"/>'
        '<w:pPr><w:jc w:val="both"/><w:ind w:firstLine="720"/></w:pPr>'
        '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/>'
        "</w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Child"><w:basedOn w:val="Base"/>'
        '<w:pPr><w:spacing w:before="120"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>'
    )
    sheet = StyleSheet(styles(body))
    p = para(
        '<w:pPr><w:pStyle w:val="Child"/><w:ind w:left="100"/></w:pPr>'
        '<w:r><w:rPr><w:sz w:val="26"/></w:rPr><w:t>x</w:t></w:r>'
    )
    run = sheet.run_format(first_run(p), p, None)
    assert (run.font_hansi, run.size_pt, run.italic) == ("Times New Roman", 13.0, True)
    pf = sheet.para_format(p, None)
    # ind merges attribute by attribute: left from direct, firstLine from the style chain.
    assert (pf.jc, pf.ind_left, pf.first_line, pf.before) == ("both", 100, 720, 120)


def test_toggle_properties_xor_between_style_levels() -> None:
    body = NORMAL + (
        '<w:style w:type="paragraph" w:styleId="Bold"><w:rPr><w:b/></w:rPr></w:style>'
        '<w:style w:type="character" w:styleId="Strong"><w:rPr><w:b/></w:rPr></w:style>'
    )
    sheet = StyleSheet(styles(body))
    p = para(
        '<w:pPr><w:pStyle w:val="Bold"/></w:pPr>'
        '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>a</w:t></w:r>'
        "<w:r><w:t>b</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t>c</w:t></w:r>'
        '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>d</w:t></w:r>'
    )
    runs = p.findall(f"{{{W}}}r")
    bold = [sheet.run_format(r, p, None).bold for r in runs]
    # style+style toggles off; style alone on; direct is absolute (on / off).
    assert bold == [False, True, True, False]


def test_theme_fonts_and_theme_colours() -> None:
    body = NORMAL
    sheet = StyleSheet(
        styles(
            body,
            '<w:rPrDefault><w:rPr><w:rFonts w:asciiTheme="minorHAnsi" '
            'w:hAnsiTheme="majorHAnsi" w:ascii="Arial"/></w:rPr></w:rPrDefault>',
        ),
        THEME,
    )
    p = para(
        '<w:r><w:rPr><w:color w:val="000000" w:themeColor="accent1"/></w:rPr><w:t>x</w:t></w:r>'
        '<w:r><w:rPr><w:color w:val="FF0000" w:themeColor="text1"/></w:rPr><w:t>y</w:t></w:r>'
    )
    r1, r2 = p.findall(f"{{{W}}}r")
    f1 = sheet.run_format(r1, p, None)
    # asciiTheme wins over ascii at the same level.
    assert (f1.font_ascii, f1.font_hansi, f1.color) == (
        "Times New Roman",
        "Calibri Light",
        "4F81BD",
    )
    assert sheet.run_format(r2, p, None).color == "000000"


def test_table_style_between_paragraph_style_and_defaults() -> None:
    body = NORMAL + (
        '<w:style w:type="table" w:styleId="Grid"><w:pPr><w:jc w:val="center"/></w:pPr>'
        '<w:rPr><w:sz w:val="24"/></w:rPr><w:tblPr><w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
        '<w:right w:w="50" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>'
    )
    sheet = StyleSheet(styles(body))
    tbl = etree.fromstring(f'<w:tbl {NS}><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr></w:tbl>')
    p = para("<w:r><w:t>x</w:t></w:r>")
    assert sheet.run_format(first_run(p), p, tbl).size_pt == 12.0
    assert sheet.para_format(p, tbl).jc == "center"
    assert sheet.cell_margins(tbl, None) == (0, 50)


def test_spacing_hanging_and_contextual() -> None:
    sheet = StyleSheet(
        styles(
            NORMAL,
            '<w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" '
            'w:lineRule="auto"/></w:pPr></w:pPrDefault>',
        )
    )
    p = para(
        '<w:pPr><w:contextualSpacing/><w:spacing w:beforeAutospacing="1"/>'
        '<w:ind w:hanging="360"/></w:pPr>'
    )
    pf = sheet.para_format(p, None)
    assert (pf.before, pf.after, pf.line, pf.first_line, pf.contextual) == (
        280,
        160,
        259,
        -360,
        True,
    )


def test_numbering_indent_applies_between_style_and_direct() -> None:
    numbering = etree.fromstring(
        f"<w:numbering {NS}>"
        '<w:abstractNum w:abstractNumId="7"><w:lvl w:ilvl="0"><w:pPr>'
        '<w:ind w:left="720" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>'
        '<w:num w:numId="3"><w:abstractNumId w:val="7"/></w:num></w:numbering>'
    )
    sheet = StyleSheet(styles(NORMAL), None, numbering)
    p = para('<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="3"/></w:numPr></w:pPr>')
    pf = sheet.para_format(p, None)
    assert (pf.ind_left, pf.first_line, pf.has_numbering) == (720, -360, True)
