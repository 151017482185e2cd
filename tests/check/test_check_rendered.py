"""The project's own renderer output passes its own checker: no error, not even a warning."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import EXAMPLES

from kehoach.check import check_docx


@pytest.mark.parametrize("name", [p.stem for p in EXAMPLES])
def test_rendered_example_conforms(name: str, rendered: dict[str, Path]) -> None:
    findings = check_docx(rendered[name])
    assert findings == [], "\n".join(f"{f.rule} {f.message} @ {f.where}" for f in findings)
