"""Shared fixtures: every example rendered once per session, read back with python-docx."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest

import kehoach

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
FIXTURES = ROOT / "tests" / "fixtures"


def _party(path: Path) -> bool:
    return any(line.strip() == "the_thuc: dang" for line in path.read_text("utf-8").splitlines())


# NĐ 30 state documents, and Party plans under HD 05 (the_thuc: dang): each set is judged by
# its own law (tests/test_layout.py, tests/test_party_layout.py).
PARTY_EXAMPLES = [p for p in EXAMPLES if _party(p)]
STATE_EXAMPLES = [p for p in EXAMPLES if not _party(p)]


@pytest.fixture(scope="session")
def rendered_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("rendered")
    for spec in EXAMPLES:
        kehoach.render_file(spec, out)
    return out


@pytest.fixture(scope="session")
def rendered(rendered_dir: Path) -> dict[str, Path]:
    return {p.stem: rendered_dir / f"{p.stem}.docx" for p in EXAMPLES}


@pytest.fixture(params=[p.stem for p in STATE_EXAMPLES])
def example_doc(request: pytest.FixtureRequest, rendered: dict[str, Path]):  # type: ignore[no-untyped-def]
    """One rendered NĐ 30 example, opened with python-docx (parametrised over them)."""
    return docx.Document(str(rendered[request.param]))
