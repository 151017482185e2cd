"""The NĐ 30 profile (Nghị định 30/2020/NĐ-CP), the default rule book of every plan.

The facts live in ``kehoach.law.profile``; this module names the state-document instance and
re-exports ``roman``, the numerals of §8.3 that every profile shares.
"""

from __future__ import annotations

from kehoach.law.profile import Profile, roman

__all__ = ["ND30", "roman"]

ND30 = Profile()
