"""The shared vocabulary of a units file: a row of cells with positions, the problem type,
and the small helpers that reading and applying rows both use."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kehoach.spec.diagnostics import Diagnostic, Position, Severity
from kehoach.spec.loader import KeyPath

NOTE_PREFIX = "#"

FIRST = Position(1, 1)
UNIT_NUMBER = "_kehoach_unit_number"  # set by apply_row on the Loaded it returns


class UnitsProblem(Exception):
    """A units problem that has no place in a file (an output name pattern, a name collision).

    ``str(exc)`` is the Vietnamese message; ``hint`` says how to fix it; ``rows`` names the
    1-based units rows concerned, when there are any.
    """

    def __init__(self, message: str, hint: str | None = None, rows: Sequence[int] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.rows = tuple(rows)


@dataclass(frozen=True)
class Cell:
    """One non-empty cell of a units row.

    ``value`` is text for CSV and XLSX; for YAML it may also be a list or a mapping (a whole
    item). ``position`` is where the cell is: CSV (physical line where the cell starts,
    1-based column index), XLSX (sheet row, column number), YAML (the value's line, column).
    ``value_pos``/``key_pos`` give, for a YAML value, the positions inside it, by key paths
    relative to the value.
    """

    value: Any
    position: Position
    value_pos: Mapping[KeyPath, Position] = field(default_factory=dict)
    key_pos: Mapping[KeyPath, Position] = field(default_factory=dict)


@dataclass(frozen=True)
class UnitRow:
    """One unit: its 1-based row number among the data rows, the file, and its cells.

    ``cells`` maps a column name (stripped, NFC) to its non-empty cell; ``headers`` maps the
    same names to where the name is written (the header cell; in YAML the key). Columns whose
    name starts with ``#`` are notes and are left out of both.
    """

    number: int
    file: Path
    cells: Mapping[str, Cell]
    headers: Mapping[str, Position] = field(default_factory=dict)  # default: at the cell
    position: Position = FIRST


def units_error(
    file: Path, position: Position | None, message: str, hint: str | None = None, key: str = ""
) -> Diagnostic:
    return Diagnostic(Severity.ERROR, message, file, position or FIRST, key_path=key, hint=hint)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def num(number: int) -> str:
    """12.345: the Vietnamese thousands separator."""
    return f"{number:,}".replace(",", ".")
