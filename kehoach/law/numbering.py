"""How the levels of a plan are labelled (§8.3 scheme b, S-2), and what a heading's title
is: compose labels the items by these schemes, validate and check judge by them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Scheme:
    """``items`` label the levels under a part, from the first: ``n`` = 1., ``a`` = a),
    ``path`` = 1.1. (the numbers above, dotted), anything else is typed as is (-, +)."""

    part: str  # roman, letter or number
    items: tuple[str, ...]
    path_from_part: bool = False  # decimal items count the part's own number (1. > 1.1.)


# A plan's `danh_so`.
SCHEMES = {
    "la-ma": Scheme("roman", ("n", "a", "-", "+")),
    "thap-phan": Scheme("roman", ("n", "path", "path", "-", "+")),
    "chu-cai": Scheme("letter", ("n", "a", "-", "+")),
    "so": Scheme("number", ("path", "a", "-", "+"), path_from_part=True),
}
# A part's or an appendix's own `danh_so`.
PART_ITEMS = {
    "la-ma": ("n", "a", "-", "+"),
    "thap-phan": ("n", "path", "path", "-", "+"),
    "gach": ("-", "+"),
}
DASHES = ("-", "+")  # "1. Mục đích" and "2. Yêu cầu" list their points as "-" lines
POINT = "a"  # the form of a point ("a)", §8.3)


def form_at(forms: tuple[str, ...], depth: int) -> str:
    """The label form of items ``depth`` levels under a part (0 = the first level); the
    deepest form serves every level below it."""
    return forms[min(depth, len(forms) - 1)]


# §8.3 heading titles (DM-2, DM-3): a short name, not a sentence.
TITLE_WORDS = 15
SENTENCE_ENDS = (".", ";", ":", ",", "!", "?")


def is_title(text: str) -> bool:
    """§8.3: a heading's title is a short name, not a sentence: at most ``TITLE_WORDS``
    words and no punctuation at its end ("Mục đích", "Công tác tuyên truyền")."""
    return len(text.split()) <= TITLE_WORDS and not text.rstrip().endswith(SENTENCE_ENDS)
