"""The header of a plan and of the Quyết định that issues it (ô 1–4), read off the spec once:
compose writes these headers, validate lays them out to warn before anything is written
(DD-8), and the two must not drift apart."""

from __future__ import annotations

from kehoach.document import Header
from kehoach.law.profile import Profile
from kehoach.spec.model import KeHoach


def plan_header_of(spec: KeHoach, law: Profile) -> Header:
    """The plan's header. A plan attached to a Quyết định (``quyet_dinh`` or ``kem_theo``)
    has no number and no date line of its own (Mẫu 1.3)."""
    superior, body = list(spec.co_quan.chu_quan or []), list(spec.co_quan.ten)
    if spec.quyet_dinh is not None or spec.kem_theo is not None:
        return Header(superior, body, None, None)
    day = spec.ngay
    return Header(
        superior=superior,
        body=body,
        number_line=law.number_line(spec.so, spec.ky_hieu or law.symbol(spec.co_quan.viet_tat)),
        place_date=law.place_date_line(spec.dia_danh, day.nam, day.thang, day.ngay),
    )


def decision_header_of(spec: KeHoach, law: Profile) -> Header | None:
    """The header of the Quyết định printed before the plan; None when there is none. Its
    number and date are the decision's own, the date defaulting to the plan's."""
    decision = spec.quyet_dinh
    if decision is None:
        return None
    day = decision.ngay or spec.ngay
    return Header(
        superior=list(spec.co_quan.chu_quan or []),
        body=list(spec.co_quan.ten),
        number_line=law.number_line(decision.so, decision_symbol(spec, law)),
        place_date=law.place_date_line(spec.dia_danh, day.nam, day.thang, day.ngay),
    )


def decision_symbol(spec: KeHoach, law: Profile) -> str:
    """The Quyết định's ký hiệu: as given, else the law's for the body ("QĐ-UBND")."""
    assert spec.quyet_dinh is not None
    return spec.quyet_dinh.ky_hieu or law.decision_symbol(spec.co_quan.viet_tat)
