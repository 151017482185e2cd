"""Which rule book a plan follows: the spec's ``the_thuc`` names it (nha-nuoc: NĐ 30, dang:
HD 05); the writer, ``validate`` and ``check`` take the profile from here, never by name."""

from __future__ import annotations

from kehoach.law.hd05 import HD05
from kehoach.law.nd30 import ND30
from kehoach.law.profile import Profile

PROFILES: dict[str, Profile] = {ND30.spec_value: ND30, HD05.spec_value: HD05}
DEFAULT = ND30.spec_value


def profile_for(value: str | None) -> Profile:
    """The profile of ``the_thuc`` (``None``: the default, NĐ 30)."""
    return PROFILES[value or DEFAULT]


def by_key(key: str) -> Profile:
    """The profile with ``Profile.key`` ``key`` ("nd30", "hd05"): what a Document records."""
    return next(p for p in PROFILES.values() if p.key == key)
