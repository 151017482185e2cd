"""The skeleton `kehoach new` writes: valid as it stands, and every commented-out example in it
(a hint the clerk uncomments) is valid too, so a hint never teaches a key the tool refuses."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from kehoach.cli import app
from kehoach.spec.validate import validate_text

# The top-level hints, and what a clerk removes when uncommenting each (keys it replaces).
TOP_LEVEL = {
    "ky_hieu": [],
    "thuc_hien": [],
    "de_nghi": [],
    "loi_dan": [],
    "danh_so": [],
    "phan_khac": [],
    "ket_luan": [],
    "luu": [],
    "phu_luc": [],
    "quyet_dinh": ["so", "ky_hieu"],
    "phan": ["muc_dich_yeu_cau", "nhiem_vu", "to_chuc_thuc_hien", "phan_khac"],
    "trinh_bay": [],
}


@pytest.fixture(scope="module")
def skeleton(tmp_path_factory: pytest.TempPathFactory) -> str:
    target = tmp_path_factory.mktemp("moi") / "kh.yaml"
    result = CliRunner().invoke(app, ["new", str(target), "--khong-hoi"])
    assert result.exit_code == 0, result.output
    return target.read_text("utf-8")


def commented_block(text: str, head: str) -> str:
    """The lines of the commented example that starts with ``head`` ("# key:" at some
    indentation), uncommented: the head and every following comment line indented deeper."""
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.lstrip().startswith(head))
    indent = len(lines[start]) - len(lines[start].lstrip())
    prefix = " " * indent + "# "
    block = [lines[start][len(prefix) :]]
    for line in lines[start + 1 :]:
        if not line.startswith(prefix + " "):
            break
        block.append(line[len(prefix) :])
    return "\n".join(block) + "\n"


def valid(data: dict) -> None:
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    _, report = validate_text(text, Path("kh.yaml"))
    assert not report.errors, [d.render() for d in report.errors]


def test_the_skeleton_as_written_is_valid(skeleton: str) -> None:
    _, report = validate_text(skeleton, Path("kh.yaml"))
    assert not report.errors and not report.warnings


def test_every_top_level_hint_is_listed(skeleton: str) -> None:
    hinted = set(re.findall(r"^# ([a-z_]+):", skeleton, flags=re.MULTILINE))
    assert hinted == set(TOP_LEVEL)


@pytest.mark.parametrize("key", sorted(TOP_LEVEL))
def test_a_top_level_hint_uncommented_is_valid(skeleton: str, key: str) -> None:
    data = yaml.safe_load(skeleton)
    for replaced in TOP_LEVEL[key]:
        data.pop(replaced, None)
    data.update(yaml.safe_load(commented_block(skeleton, f"# {key}:")))
    valid(data)


def test_the_table_hint_uncommented_is_valid(skeleton: str) -> None:
    data = yaml.safe_load(skeleton)
    data["nhiem_vu"]["muc"] += yaml.safe_load(commented_block(skeleton, "# - bang:"))
    valid(data)
