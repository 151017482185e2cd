"""The wheel carries what the installed command needs: templates and font metrics."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import ROOT


def test_wheel_ships_templates_and_metrics(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    (wheel,) = tmp_path.glob("kehoach-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for template in (ROOT / "templates").iterdir():
        assert f"kehoach/templates/{template.name}" in names
    assert "kehoach/data/metrics.json" in names
    assert "kehoach/cli.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "kehoach = kehoach.__main__:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
