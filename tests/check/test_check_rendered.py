"""The project's own renderer output must pass its own checker (no error findings)."""

from __future__ import annotations

from pathlib import Path

import pytest

from kehoach.check import check_docx

EXAMPLES = sorted((Path(__file__).resolve().parents[2] / "examples").glob("*.yaml"))


@pytest.mark.parametrize("spec", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_rendered_example_has_no_error(spec: Path, tmp_path: Path) -> None:
    import kehoach

    render = getattr(kehoach, "render_file", None)
    if render is None:
        pytest.skip("renderer not available")
    out = Path(render(spec, tmp_path))
    findings = check_docx(out)
    errors = [f for f in findings if f.severity == "error"]
    assert errors == [], "\n".join(f"{f.rule} {f.message} @ {f.where}" for f in errors)
