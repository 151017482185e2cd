"""How bad a finding is: an error fails the document (exit 1), a warning does not."""

from __future__ import annotations

ERROR = "error"
WARNING = "warning"
