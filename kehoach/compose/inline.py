"""Inline emphasis in spec text: *italic*, **bold**, ***both***, with \\* for a literal star.

markdown-it-py does the parsing (CommonMark emphasis rules), restricted to emphasis and
escapes so nothing else in a clerk's text is ever reinterpreted.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

from kehoach.document import Span

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    # Imported on the first text with a marker: a plan without emphasis never pays for it.
    from markdown_it import MarkdownIt

    return MarkdownIt("zero").enable(["emphasis", "escape"])


def parse_inline(text: str, *, bold: bool = False, italic: bool = False) -> list[Span]:
    """Spans of ``text``; ``bold``/``italic`` are the surrounding formatting."""
    if "*" not in text and "_" not in text and "\\" not in text:
        return [Span(text, bold, italic)] if text else []
    md = _parser()
    if "\r" in text or "\0" in text:  # what parseInline's core chain would normalise
        text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\0", "\ufffd")
    # The inline parser alone: parseInline first runs the core chain only to do the above
    # and wrap the tokens, about 7 % of composing a plan.
    tokens = md.inline.parse(text, md, {}, [])
    spans: list[Span] = []
    depth_bold = depth_italic = 0
    for token in tokens:
        if token.type == "strong_open":
            depth_bold += 1
        elif token.type == "strong_close":
            depth_bold -= 1
        elif token.type == "em_open":
            depth_italic += 1
        elif token.type == "em_close":
            depth_italic -= 1
        elif token.type in ("text", "text_special"):
            _append(spans, Span(token.content, bold or depth_bold > 0, italic or depth_italic > 0))
        elif token.type in ("softbreak", "hardbreak"):
            _append(spans, Span(" ", bold or depth_bold > 0, italic or depth_italic > 0))
    return spans


def _append(spans: list[Span], span: Span) -> None:
    if spans and spans[-1].bold == span.bold and spans[-1].italic == span.italic:
        spans[-1] = Span(spans[-1].text + span.text, span.bold, span.italic)
    elif span.text:
        spans.append(span)


def plain(text: str) -> str:
    """The text without emphasis markers (for punctuation checks and metrics)."""
    return "".join(s.text for s in parse_inline(text))
