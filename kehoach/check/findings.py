"""Findings: one violated rule at one place, with a Vietnamese explanation."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kehoach.law.profile import Profile

    from .vocab import Vocabulary

from .severity import ERROR, WARNING

__all__ = ["ERROR", "WARNING", "Collector", "Finding", "Findings"]

# Beyond this many places with the same message, places are folded into one finding so a
# wrong style (which breaks every paragraph) reads as one problem, not eighty.
_FOLD_AFTER = 3
_FOLD_SHOW = 5


@dataclass(frozen=True)
class Finding:
    """A violated rule of the layout law the document was checked under.

    ``rule`` is the spec ID ("PN-4"; "D-PN-3" under HD 05); ``severity`` is "error" for firm rules and
    "warning" for UNCONFIRMED/PRACTICE ones; ``message`` says, in Vietnamese, what is
    wrong and what it should be; ``where`` says where in the document.
    """

    rule: str
    severity: str
    message: str
    where: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


class Findings(list[Finding]):
    """The findings of one document: a plain ``list[Finding]``, with its errors and its
    warnings at hand (``report.errors``)."""

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self if f.severity == WARNING]


class Collector:
    """Accumulates findings; ``many`` folds repeated identical messages.

    Rules report under the checker's keys (nd30-spec IDs, sometimes qualified: "KY-1:position");
    the collector names each finding as the law of ``profile`` does (``vocab.Vocabulary``:
    "D-KY-3" under HD 05) and keeps an error only where that law's rule may fail. ``law`` is
    how messages cite the law ("NĐ 30", "HD 05").
    """

    def __init__(self, profile: Profile | None = None) -> None:
        from kehoach.law.nd30 import ND30

        from .vocab import vocabulary

        self.profile: Profile = profile or ND30
        self.vocab: Vocabulary = vocabulary(self.profile)
        self.law: str = self.profile.law_short
        self.findings: list[Finding] = []
        # (rule, severity, shared message) -> [(place, the message of that place alone)]
        self._groups: OrderedDict[tuple[str, str, str], list[tuple[str, str]]] = OrderedDict()

    def add(self, rule: str, severity: str, message: str, where: str) -> None:
        severity = self.vocab.severity(rule, severity)
        self.findings.append(Finding(self.vocab.rule(rule), severity, message, where))

    def error(self, rule: str, message: str, where: str) -> None:
        self.add(rule, ERROR, message, where)

    def warn(self, rule: str, message: str, where: str) -> None:
        self.add(rule, WARNING, message, where)

    def many(
        self, rule: str, severity: str, message: str, where: str, *, one: str | None = None
    ) -> None:
        """Same message at many places (per-paragraph rules): grouped on ``finish``.

        ``one`` is this place's own wording when it names what differs from place to place
        (the label «b)» of a point); the places are grouped by ``message``, which is what a
        folded finding says, and a group of at most three keeps each place's ``one``."""
        severity = self.vocab.severity(rule, severity)
        key = (self.vocab.rule(rule), severity, message)
        self._groups.setdefault(key, []).append((where, one or message))

    def finish(self) -> Findings:
        for (rule, severity, message), entries in self._groups.items():
            if len(entries) <= _FOLD_AFTER:
                for place, own in entries:
                    self.findings.append(Finding(rule, severity, own, place))
                continue
            short = [place.split(" («", 1)[0] for place, _own in entries]
            shown = "; ".join(short[:_FOLD_SHOW])
            rest = len(short) - _FOLD_SHOW
            where = f"{shown} và {rest} vị trí khác" if rest > 0 else shown
            self.findings.append(
                Finding(rule, severity, f"{message} ({len(entries)} vị trí)", where)
            )
        self._groups.clear()
        return Findings(self.findings)
