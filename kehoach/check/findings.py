"""Findings: one violated rule at one place, with a Vietnamese explanation."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass

ERROR = "error"
WARNING = "warning"

# Beyond this many places with the same message, places are folded into one finding so a
# wrong style (which breaks every paragraph) reads as one problem, not eighty.
_FOLD_AFTER = 3
_FOLD_SHOW = 5


@dataclass(frozen=True)
class Finding:
    """A violated NĐ 30 rule.

    ``rule`` is the spec ID ("PN-4"); ``severity`` is "error" for firm rules and
    "warning" for UNCONFIRMED/PRACTICE ones; ``message`` says, in Vietnamese, what is
    wrong and what it should be; ``where`` says where in the document.
    """

    rule: str
    severity: str
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class Collector:
    """Accumulates findings; ``many`` folds repeated identical messages."""

    def __init__(self) -> None:
        self.findings: list[Finding] = []
        self._groups: OrderedDict[tuple[str, str, str], list[str]] = OrderedDict()

    def add(self, rule: str, severity: str, message: str, where: str) -> None:
        self.findings.append(Finding(rule, severity, message, where))

    def error(self, rule: str, message: str, where: str) -> None:
        self.add(rule, ERROR, message, where)

    def warn(self, rule: str, message: str, where: str) -> None:
        self.add(rule, WARNING, message, where)

    def many(self, rule: str, severity: str, message: str, where: str) -> None:
        """Same message at many places (per-paragraph rules): grouped on ``finish``."""
        self._groups.setdefault((rule, severity, message), []).append(where)

    def finish(self) -> list[Finding]:
        for (rule, severity, message), places in self._groups.items():
            if len(places) <= _FOLD_AFTER:
                for place in places:
                    self.findings.append(Finding(rule, severity, message, place))
                continue
            short = [p.split(" («", 1)[0] for p in places]
            shown = "; ".join(short[:_FOLD_SHOW])
            rest = len(short) - _FOLD_SHOW
            where = f"{shown} và {rest} vị trí khác" if rest > 0 else shown
            self.findings.append(
                Finding(rule, severity, f"{message} ({len(places)} vị trí)", where)
            )
        self._groups.clear()
        return self.findings
