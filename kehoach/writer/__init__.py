"""The writer: the document model laid out (``kehoach.law.layout``) and emitted as a .docx.

Layout is computed once in plain Python; the OOXML is written directly as text in schema
order, with static parts prepared once per process and one zip pass. python-docx is not
used here: it stays where it serves, reading documents back in ``check`` and the tests.
"""

from __future__ import annotations

from kehoach.document import Document
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile
from kehoach.writer.emit import document_xml
from kehoach.writer.package import package


def to_bytes(document: Document, profile: Profile = ND30) -> bytes:
    """The .docx of ``document``: the same model always gives the same bytes."""
    return package(document, document_xml(document, profile), profile)


__all__ = ["to_bytes"]
