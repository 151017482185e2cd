"""The writer: the document model laid out (``kehoach.law.layout``) and emitted as a .docx.

Layout is computed once in plain Python; the OOXML is written directly as text in schema
order, with static parts prepared once per process and one zip pass. python-docx is not
used here: it stays where it serves, reading documents back in ``check`` and the tests.
"""

from __future__ import annotations

from kehoach.document import Document
from kehoach.law.profile import Profile
from kehoach.law.profiles import by_key
from kehoach.writer.emit import document_xml
from kehoach.writer.package import package


def to_bytes(document: Document, profile: Profile | None = None) -> bytes:
    """The .docx of ``document`` under its own law (``profile`` overrides it, for tests):
    the same model always gives the same bytes."""
    law = profile or by_key(document.law)
    return package(document, document_xml(document, law), law)


__all__ = ["to_bytes"]
