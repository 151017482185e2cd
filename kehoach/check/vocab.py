"""How the checker names its findings under each layout law: rule IDs, firmness, names.

The rules are written once, with the IDs of nd30-spec. A check of a Party document (HD 05,
docs/luat/hd05-spec.md) reports the same findings under the ``D-`` ID of the rule that
governs it there (§10 of hd05-spec lists the overrides); an NĐ 30 rule with no ``D-``
counterpart is inherited and keeps its ID. A call site that means one of several ``D-``
rules sharing an NĐ 30 ID qualifies the ID ("KY-1:position"); NĐ 30 drops the qualifier.

Firmness (hd05-spec §0, §14): a finding is an error only when the law's rule may fail; a
rule that is UNCONFIRMED or only practice is reported as a warning, whatever the call site
asked for. Which law a ``Profile`` is comes from its ``key``; variants made with
``dataclasses.replace`` keep it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from kehoach.law.hd05 import HD05
from kehoach.law.profile import Profile

from .severity import ERROR, WARNING

# The law's facts, kept by the Party profile (kehoach.law.hd05): here under the names the
# checker has always used.
PARTY_IDS = HD05.rule_ids
PARTY_SOFT = HD05.soft_rules


@dataclass(frozen=True)
class Vocabulary:
    """The names one law gives to what the checker reports."""

    ids: Mapping[str, str] = field(default_factory=dict)
    soft: frozenset[str] = frozenset()
    header_title: str = "Quốc hiệu"  # QH-*: the first line of the right header cell
    header_short: str = "Quốc hiệu"  # the same, in the middle of a sentence
    heading_source: str = "NĐ 30, Phụ lục I, II.6: số La Mã, tên mục in hoa, đậm"  # DM-1
    heading_cite: str = "NĐ 30, Phụ lục I, II.6"  # DM-2
    point_cite: str = "NĐ 30, Phụ lục I"  # DM-3
    collective_example: str = "ỦY BAN NHÂN DÂN"  # KT-2: a collective a TM. line names
    head_examples: tuple[str, str] = ("CHỦ TỊCH", "GIÁM ĐỐC")  # KT-3: heads a KT. line names
    header_distance_rule: str | None = None  # D-PN-2: the header's distance is a rule
    appendix_heads: bool = False  # D-PL-*: appendix labels, reference lines, marks

    def rule(self, key: str) -> str:
        """The ID a finding of the checker's rule ``key`` carries under this law."""
        return self.ids.get(key) or self.ids.get(key.split(":", 1)[0]) or key.split(":", 1)[0]

    def severity(self, key: str, severity: str) -> str:
        """ERROR only where the law's rule may fail (hd05-spec §0)."""
        if severity == ERROR and self.rule(key) in self.soft:
            return WARNING
        return severity


STATE = Vocabulary()


def vocabulary(profile: Profile) -> Vocabulary:
    """The checker's names under ``profile``: NĐ 30's own, or HD 05's ``D-`` IDs."""
    if profile.key == "hd05":
        return Vocabulary(
            ids=profile.rule_ids,
            soft=profile.soft_rules,
            header_title="Tiêu đề",  # D-TD-1: HD 05 calls "ĐẢNG CỘNG SẢN VIỆT NAM" so
            header_short="tiêu đề",
            heading_source="mẫu kế hoạch của Đảng: «I- MỤC ĐÍCH, YÊU CẦU», số La Mã, in hoa, đậm",
            heading_cite="mẫu kế hoạch của Đảng: «1. Mục đích» in đậm",
            point_cite="mẫu kế hoạch của Đảng",
            collective_example="BAN THƯỜNG VỤ",
            head_examples=("TRƯỞNG BAN", "CHÁNH VĂN PHÒNG"),
            header_distance_rule="D-PN-2",
            appendix_heads=True,
        )
    return STATE
