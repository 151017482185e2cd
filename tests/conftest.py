"""Shared fixtures: every example rendered once per session, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import kehoach

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "fixtures"


@pytest.fixture(scope="session")
def rendered_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for spec in EXAMPLES:
        kehoach.render_file(spec, out)
    return out


@pytest.fixture(scope="session")
def rendered(rendered_dir: Path) -> dict[str, Path]:
    return {p.stem: rendered_dir / f"{p.stem}.docx" for p in EXAMPLES}


@pytest.fixture(params=[p.stem for p in EXAMPLES])
def example_doc(request: pytest.FixtureRequest, rendered: dict[str, Path]):  # type: ignore[no-untyped-def]
    """One rendered example, opened with python-docx (parametrised over all examples)."""
    return docx.Document(str(rendered[request.param]))
