"""Spec texts shared by tests: small, valid, and easy to vary with str.replace."""

VALID = """\
co_quan:
  ten: ỦY BAN NHÂN DÂN XÃ AN PHÚ
  viet_tat: UBND
so: "05"
dia_danh: An Phú
ngay: 05/02/2026
trich_yeu: Triển khai công tác dân vận năm 2026
nhiem_vu:
  muc:
    - Tuyên truyền
noi_nhan:
  - Thường trực Đảng ủy
nguoi_ky:
  thay_mat: ỦY BAN NHÂN DÂN
  ky_thay: CHỦ TỊCH
  chuc_vu: PHÓ CHỦ TỊCH
  ho_ten: Nguyễn Văn An
"""
