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

from dataclasses import dataclass, field

from kehoach.law.profile import Profile

from .severity import ERROR, WARNING

# hd05-spec: the D- rule that governs, in a Party document, what the NĐ 30 rule checks.
PARTY_IDS: dict[str, str] = {
    # page, font (§2, §3)
    "P-1": "D-P-1",
    "P-2": "D-P-1",
    "P-3": "D-P-2",
    "P-6": "D-P-4",
    "F-1": "D-F-1",
    "F-2": "D-F-1",
    "F-3": "D-F-1",
    "PN-1": "D-PN-1",
    "PN-2": "D-PN-1",
    "PN-3": "D-PN-2",
    "PN-4": "D-PN-3",
    "PN-5": "D-PN-4",
    "PN-6": "D-PN-4",
    # header (§4)
    "H-1": "D-H-1",
    "H-2": "D-H-1",
    "H-3": "D-H-1",
    "H-6": "D-TD-2",
    "H-7": "D-H-3",
    "QH-1": "D-TD-1",
    "QH-2": "D-TD-2",
    "QH-3": "D-TD-2",
    "TN-3": "D-TD-3",
    "TN-4": "D-TD-3",
    "CQ-1": "D-CQ-1",
    "CQ-2": "D-CQ-3",
    "CQ-3": "D-CQ-4",
    "CQ-5": "D-CQ-5",
    "CQ-5:size": "D-CQ-5",
    "CQ-7": "D-CQ-4",
    "SO-1": "D-SO-1",
    "SO-1:type": "D-SO-7",
    "SO-1:code": "D-SO-8",
    "SO-1:legacy": "D-SO-10",
    "SO-2": "D-SO-2",
    "SO-3": "D-SO-3",
    "SO-4": "D-SO-4",
    "SO-5": "D-SO-2",
    "DD-1": "D-DD-1",
    "DD-2": "D-DD-2",
    "DD-3": "D-DD-2",
    "DD-4": "D-DD-3",
    "DD-7": "D-DD-5",
    "DD-8": "D-H-2",
    # type name, trích yếu, body (§5, §6)
    "TL-1": "D-TL-1",
    "TL-2": "D-TL-2",
    "TL-3": "D-TL-3",
    "TL-3:size": "D-TL-3",
    "ND-1": "D-ND-1",
    "ND-2": "D-ND-2",
    "ND-3": "D-ND-3",
    "ND-4": "D-ND-4",
    "ND-5": "D-ND-4",
    "ND-6": "D-ND-5",
    "CC-1": "D-CC-1",
    "CC-1:legacy": "D-CC-2",
    "DM-1": "D-DM-2",
    "DM-2": "D-DM-2",
    "DM-3": "D-DM-2",
    # signature and recipients (§7, §8)
    "KY-1": "D-KY-2",
    "KY-1:missing": "D-KY-1",
    "KY-1:centre": "D-KY-1",
    "KY-1:position": "D-KY-3",
    "KY-1:prefix": "D-KT-1",
    "KY-2": "D-KY-4",
    "KY-3": "D-KY-4",
    "KY-5": "D-KY-6",
    "KT-1": "D-KT-4",
    "KT-2": "D-KT-2",
    "KT-2:position": "D-KY-5",
    "KT-3": "D-KT-4",
    "KT-3:deputy": "D-KT-3",
    "KT-5": "D-KT-1",
    "KT-5:tm": "D-KT-3",
    "KT-5:tl": "D-KT-5",
    "KT-6": "D-KT-2",
    "NN-1": "D-NN-2",
    "NN-1:place": "D-NN-1",
    "NN-2": "D-NN-3",
    "NN-2:legacy": "D-NN-4",
    "NN-3": "D-NN-5",
    "NN-5": "D-NN-1",
    # appendices (§9)
    "PL-2": "D-PL-1",
    "PL-4": "D-PL-2",
    "PL-5": "D-PL-2",
    "PL-3": "D-PL-3",
}

# hd05-spec §0, §14: rules tagged UNCONFIRMED or only [PRACTICE] never fail.
PARTY_SOFT = frozenset(
    {
        "D-H-2",  # right column widths [PRACTICE]
        "D-H-3",  # single spacing in the header [PRACTICE]
        "D-ND-3",  # "khoảng 10 mm": outside 9.5–11 mm warn
        "D-CC-2",  # HD 36 digests: last căn cứ with ","
        "D-DM-2",  # "I-" headings: UNCONFIRMED as a rule
        "D-KY-6",  # signature space [PRACTICE]
        "D-NN-4",  # HD 36 digests: items with ","
        "D-SO-8",  # body codes: staff codes are open-ended (D-SO-9 UNCONFIRMED)
        "D-SO-10",  # legacy codes: warn
        "D-PL-2",  # appendix wording and "-----" [HD05-own]
        "D-PL-3",  # appendix sizes UNCONFIRMED
        "D-NB-8",  # mixed layouts [PRACTICE]
    }
)


@dataclass(frozen=True)
class Vocabulary:
    """The names one law gives to what the checker reports."""

    ids: dict[str, str] = field(default_factory=dict)
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
            ids=PARTY_IDS,
            soft=PARTY_SOFT,
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
