"""Master plan × units: one plan per row of a units file (CSV, XLSX or YAML).

A province writes one master plan; each commune, Sở or school makes its own from it. The
units file has one row per unit; its column names are key paths of the spec
(``dia_danh``, ``co_quan.ten``, ``nhiem_vu.muc[2].noi_dung``, ``nhiem_vu.muc[+1]``) and each
non-empty cell sets, appends or drops (``(bỏ)``) what is at that path in the master.

Every value keeps where it came from: ``apply_row`` returns a ``Loaded`` whose positions point
at the units file's cells for what a row set and at the master's lines for everything else,
so ``validate_loaded`` reports e.g. ``units.csv:4:3: lỗi [SO-3]: so: …``.

- ``rows``: ``UnitRow``, ``Cell``, ``UnitsProblem`` and the helpers the others share;
- ``read``: ``read_units`` (CSV, XLSX, YAML) and the limits on a units file (set them
  there: ``kehoach.units.read.MAX_ROWS``);
- ``columns``: a column name parsed into a key path and checked against the spec;
- ``placeholders``: ``fields`` and the ``{dia_danh}`` substitution in the plan's texts;
- ``apply``: ``apply_row``, the unit's plan from the master and one row;
- ``output_names``: ``output_name`` and ``unique_names``, the file of each unit's plan.
"""

from __future__ import annotations

from kehoach.units.apply import DROP, apply_row
from kehoach.units.output_names import output_name, unique_names
from kehoach.units.placeholders import fields
from kehoach.units.read import read_units
from kehoach.units.rows import Cell, UnitRow, UnitsProblem

__all__ = [
    "DROP",
    "Cell",
    "UnitRow",
    "UnitsProblem",
    "apply_row",
    "fields",
    "output_name",
    "read_units",
    "unique_names",
]
