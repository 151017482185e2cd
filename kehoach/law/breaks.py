"""Where a Vietnamese title or body name may break into lines, as data and small functions.

``kehoach.law.metrics.balanced_lines`` chooses the line breaks of the trích yếu (TL-2) and of
long body names (CQ-3, CQ-4); this module tells it how good each gap between two words is
(``gaps``):

* **forbidden**, with a weight for when the line count leaves no choice — inside a word of
  several syllables from ``COMPOUNDS`` or ``PLACE_NAMES`` ("chương trình", "hưởng ứng",
  matched in any case and either tone placement: ``SPLIT_WORD``; between the words of a
  longer one, "nông thôn / mới": ``SPLIT_PHRASE``); between a number and the word it
  belongs to ("số 412/TTr-SKHCN", "ngày 15/02/2026", "ngày 15 tháng 02 năm 2026",
  "năm 2024", "giai đoạn 2021 - 2025", "80 năm"), and inside a recognisable name
  (capitalised words in a sentence-case text, "Hà Nội", "Nguyễn Văn An"; in capitals, the
  place after TỈNH / THÀNH PHỐ / XÃ …, "THÀNH PHỐ HỒ CHÍ MINH"), and inside a short aside in
  brackets ("(để b/c)", "(nếu có)"): ``SPLIT_UNIT``;
* **preferred** — after ``,`` ``;`` ``:`` ``)`` and before "và", "của", "về", "trên địa bàn"
  (``PREFERRED``, cost 0), before "tại", "theo", "trong", "nhằm" …, after a closing quote,
  and between a document number and its "ngày" (``LIKED``, 0.5);
* everything else costs 1 (``NEUTRAL``), or more where a break reads badly: after "của",
  "các", "cho" … (a line ending on a word that leads into the next) and around a lone dash
  (``DISLIKED``); between a kind of place and its name ("tỉnh / Trà Vinh"), before a
  document number without "số" and before a lone dash (``AVOIDED``).

A document number is one word for the breaker; ``nobreak_hyphen_pieces`` tells the writer
which hyphens inside such words a word processor must not break at (``w:noBreakHyphen``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

# -- costs of a break (see balanced_lines for how they are traded against evenness) ---------

PREFERRED = 0.0  # after , ; : ) and before và / của / về / trên địa bàn
LIKED = 0.5  # before tại, theo, trong, nhằm, đối với …; after a closing quote
NEUTRAL = 1.0  # between two ordinary words
DISLIKED = 2.5  # after a word that leads into the next ("của / các cơ quan")
AVOIDED = 4.0  # "tỉnh / Trà Vinh", "Nghị quyết / 57-NQ/TW", before a lone "-"

# Words of several syllables that a line must never split, in lower case (NFC, tone mark of
# "oa", "oe", "uy" on the first vowel: "hóa", "ủy"), in alphabetical order (``collation``).
# Compiled for kehoach by hand: the two- and three-syllable words that recur in the plans in
# examples/ and tests/fixtures/seed-003-phu-phong-2024.txt (bigram counts over those texts,
# reviewed one by one), the kinds and names of bodies that issue plans (ủy ban nhân dân, sở,
# ban chỉ đạo, Đảng and mass organisations) and the vocabulary of common plan subjects (dân
# vận, cải cách hành chính, chuyển đổi số, nông thôn mới, phòng, chống …), and the everyday
# words of plans' tasks and procedures (đơn giản, thời gian, hệ thống, mô hình, dự án, khó
# khăn, hạn chế, ý kiến, bổ nhiệm, giải phóng mặt bằng …). Entries may keep
# punctuation that belongs to them ("phòng, chống"). Words that also end or start other
# words in running text ("thành công" in "hoàn thành công tác") are left out.
COMPOUNDS: tuple[str, ...] = (
    "an ninh",
    "an ninh mạng",
    "an sinh",
    "an sinh xã hội",
    "an toàn",
    "an toàn giao thông",
    "an toàn thực phẩm",
    "ban biên tập",
    "ban cán sự",
    "ban chấp hành",
    "ban chấp hành trung ương",
    "ban chỉ đạo",
    "ban hành",
    "ban ngành",
    "ban thường vụ",
    "báo cáo",
    "báo chí",
    "bảo đảm",
    "bảo hiểm",
    "bảo hiểm xã hội",
    "bảo hiểm y tế",
    "bảo vệ",
    "bền vững",
    "biên chế",
    "biên phòng",
    "biến đổi khí hậu",
    "biểu mẫu",
    "bình đẳng",
    "bình đẳng giới",
    "bí thư",
    "bồi dưỡng",
    "bồi thường",
    "bổ nhiệm",
    "bộ máy",
    "bộ phận",
    "bộ trưởng",
    "bức xúc",
    "cá nhân",
    "cách mạng",
    "cách mạng tháng tám",
    "cán bộ",
    "cấp bách",
    "cấp ủy",
    "căn cứ",
    "cải cách",
    "cải cách hành chính",
    "cải thiện",
    "chấp hành",
    "chất lượng",
    "chăm sóc",
    "chi bộ",
    "chính đáng",
    "chính phủ",
    "chính phủ số",
    "chính quyền",
    "chính sách",
    "chính trị",
    "chỉ đạo",
    "chỉ thị",
    "chỉ tiêu",
    "chung tay",
    "chuyên đề",
    "chuyên môn",
    "chuyên trách",
    "chuyển đổi",
    "chuyển đổi số",
    "chủ động",
    "chủ nghĩa",
    "chủ tịch",
    "chủ trì",
    "chủ trương",
    "chương trình",
    "chương trình hành động",
    "chức năng",
    "chữ ký số",
    "chữa cháy",
    "công an",
    "công chức",
    "công dân",
    "công đoàn",
    "công khai",
    "công nghệ",
    "công nghiệp",
    "công tác",
    "công thương",
    "công trình",
    "công văn",
    "cổng thông tin",
    "cơ chế",
    "cơ quan",
    "cơ sở",
    "cơ sở dữ liệu",
    "cộng hòa",
    "cộng hòa xã hội chủ nghĩa việt nam",
    "cộng sản",
    "cuộc sống",
    "cuộc thi",
    "cuộc vận động",
    "củng cố",
    "cứu hộ",
    "cứu nạn",
    "cựu chiến binh",
    "cụ thể",
    "danh mục",
    "dân chủ",
    "dân chủ ở cơ sở",
    "dân cư",
    "dân quân",
    "dân số",
    "dân tộc",
    "dân vận",
    "di sản",
    "di tích",
    "dinh dưỡng",
    "dịch bệnh",
    "dịch vụ",
    "dịch vụ công",
    "doanh nghiệp",
    "du lịch",
    "duy trì",
    "dữ liệu",
    "dự án",
    "dự toán",
    "đào tạo",
    "đánh giá",
    "đầu tư",
    "đất đai",
    "đấu thầu",
    "đẩy mạnh",
    "đảm bảo",
    "đảng bộ",
    "đảng ủy",
    "đảng viên",
    "đại biểu",
    "đạo đức",
    "đề án",
    "đề nghị",
    "đề xuất",
    "đền ơn đáp nghĩa",
    "điều động",
    "điều hành",
    "điển hình",
    "điện tử",
    "địa bàn",
    "địa phương",
    "định danh",
    "định kỳ",
    "đoàn kết",
    "đoàn thanh niên",
    "đoàn thể",
    "đoàn viên",
    "đô thị",
    "đôn đốc",
    "đồng bộ",
    "đồng thuận",
    "đối thoại",
    "đối với",
    "đổi mới",
    "đơn giản",
    "đơn thư",
    "đơn vị",
    "đời sống",
    "đội ngũ",
    "đột phá",
    "đột xuất",
    "đuối nước",
    "đường lối",
    "đứng đầu",
    "gắn với",
    "gia đình",
    "giai đoạn",
    "giao thông",
    "giám đốc",
    "giám sát",
    "gián tiếp",
    "giáo dục",
    "giáo viên",
    "giải ngân",
    "giải pháp",
    "giải phóng mặt bằng",
    "giải quyết",
    "giảm nghèo",
    "góp ý",
    "hài lòng",
    "hành chính",
    "hành động",
    "hằng năm",
    "hằng quý",
    "hằng tháng",
    "hạ tầng",
    "hạn chế",
    "hệ thống",
    "hiệu lực",
    "hiệu quả",
    "hoàn thành",
    "hoạt động",
    "hòa giải",
    "hợp đồng",
    "học sinh",
    "học tập",
    "hộ gia đình",
    "hộ nghèo",
    "hội đồng",
    "hội đồng nhân dân",
    "hội nghị",
    "hội thảo",
    "hội viên",
    "huyện ủy",
    "hướng dẫn",
    "hưởng ứng",
    "kế hoạch",
    "kế toán",
    "kết luận",
    "kết quả",
    "khen thưởng",
    "khiếu nại",
    "khí hậu",
    "khoa học",
    "khó khăn",
    "khối phố",
    "khu chế xuất",
    "khu dân cư",
    "khu phố",
    "kiêm nhiệm",
    "kiến nghị",
    "kiểm soát",
    "kiểm tra",
    "kiện toàn",
    "kinh nghiệm",
    "kinh phí",
    "kinh tế",
    "kinh tế số",
    "kịp thời",
    "kỹ năng",
    "kỹ thuật",
    "kỷ luật",
    "kỷ niệm",
    "lao động",
    "lâu dài",
    "lãng phí",
    "lãnh đạo",
    "lắng nghe",
    "lễ hội",
    "liên quan",
    "liên thông",
    "liệt sĩ",
    "lĩnh vực",
    "lịch sử",
    "luân chuyển",
    "lũ lụt",
    "lực lượng",
    "lụt bão",
    "ma túy",
    "máy tính",
    "mạng xã hội",
    "mặt trận",
    "mặt trận tổ quốc",
    "miễn nhiệm",
    "minh bạch",
    "mô hình",
    "môi trường",
    "một cửa",
    "mua sắm",
    "mục đích",
    "mục tiêu",
    "nâng cao",
    "nâng cấp",
    "năm học",
    "nền tảng",
    "ngày hội",
    "ngân sách",
    "nghệ thuật",
    "nghiêm minh",
    "nghiêm túc",
    "nghĩa vụ",
    "nghị định",
    "nghị quyết",
    "nguồn lực",
    "nguyên nhân",
    "nguyện vọng",
    "người cao tuổi",
    "người có công",
    "người dân",
    "người đứng đầu",
    "người khuyết tật",
    "người lao động",
    "người nghèo",
    "nhà nước",
    "nhà trường",
    "nhân dân",
    "nhận thức",
    "nhập ngũ",
    "nhi đồng",
    "nhiệm kỳ",
    "nhiệm vụ",
    "niềm tin",
    "nông dân",
    "nông nghiệp",
    "nông thôn",
    "nông thôn mới",
    "nổi cộm",
    "nội dung",
    "nội vụ",
    "pháp luật",
    "phát huy",
    "phát thanh",
    "phát triển",
    "phân công",
    "phần mềm",
    "phản ánh",
    "phản biện",
    "phê duyệt",
    "phong cách",
    "phong trào",
    "phòng cháy",
    "phòng chống",
    "phòng, chống",
    "phó chủ tịch",
    "phối hợp",
    "phổ biến",
    "phụ lục",
    "phụ nữ",
    "phụ trách",
    "phục vụ",
    "quán triệt",
    "quân sự",
    "quản lý",
    "quận ủy",
    "quốc gia",
    "quốc hội",
    "quốc khánh",
    "quốc phòng",
    "quy chế",
    "quy định",
    "quy hoạch",
    "quyết định",
    "quyết toán",
    "sáng tạo",
    "sắp xếp",
    "sản phẩm",
    "sản xuất",
    "sinh hoạt",
    "sinh viên",
    "số hóa",
    "sơ kết",
    "sức khỏe",
    "sửa chữa",
    "tài chính",
    "tài nguyên",
    "tài sản",
    "tái định cư",
    "tầm nhìn",
    "tăng cường",
    "tập huấn",
    "tập trung",
    "tham gia",
    "tham mưu",
    "tham nhũng",
    "thanh niên",
    "thanh toán",
    "thanh tra",
    "thành phố",
    "thành ủy",
    "thành viên",
    "theo dõi",
    "thể dục",
    "thể thao",
    "thi đua",
    "thi hành",
    "thiên tai",
    "thiết bị",
    "thiếu niên",
    "thị trấn",
    "thị ủy",
    "thị xã",
    "thôn xóm",
    "thông báo",
    "thông tin",
    "thông tư",
    "thống kê",
    "thời gian",
    "thời hạn",
    "thủ trưởng",
    "thủ tướng",
    "thủ tục",
    "thủ tục hành chính",
    "thương binh",
    "thường trực",
    "thường vụ",
    "thường xuyên",
    "thực hành",
    "thực hiện",
    "thực phẩm",
    "tiêm chủng",
    "tiên tiến",
    "tiêu cực",
    "tiến độ",
    "tiếp công dân",
    "tiếp nhận",
    "tiếp thu",
    "tiết kiệm",
    "tinh giản",
    "tinh gọn",
    "tinh thần",
    "tìm hiểu",
    "tình hình",
    "tỉnh ủy",
    "toàn dân",
    "toàn diện",
    "tôn giáo",
    "tồn tại",
    "tố cáo",
    "tổ chức",
    "tổ dân phố",
    "tổ quốc",
    "tổng hợp",
    "tổng kết",
    "tờ trình",
    "tội phạm",
    "tranh chấp",
    "trao đổi",
    "trách nhiệm",
    "trật tự",
    "trẻ em",
    "tri ân",
    "triển khai",
    "trợ giúp pháp lý",
    "trọng điểm",
    "trọng tâm",
    "trung tâm",
    "trung ương",
    "truyền hình",
    "truyền thông",
    "truyền thống",
    "trưởng phòng",
    "trực thuộc",
    "trực tiếp",
    "trực tuyến",
    "tuân thủ",
    "tuyên giáo",
    "tuyên truyền",
    "tuyển chọn",
    "tuyển dụng",
    "tư pháp",
    "tư tưởng",
    "uy tín",
    "ủy ban",
    "ủy ban nhân dân",
    "ủy viên",
    "ứng dụng",
    "ứng phó",
    "vai trò",
    "văn bản",
    "văn hóa",
    "văn nghệ",
    "văn phòng",
    "vận động",
    "vận tải",
    "vật chất",
    "vệ sinh",
    "viên chức",
    "việc làm",
    "vị trí việc làm",
    "vướng mắc",
    "xây dựng",
    "xã hội",
    "xã hội chủ nghĩa",
    "xếp loại",
    "xuất bản",
    "y tế",
    "yêu cầu",
    "yêu nước",
    "ý kiến",
)

# Provinces and cities of 2025 (Nghị quyết 202/2025/QH15) and the country, whose names a
# line must not split either (in capitals they often follow no TỈNH / THÀNH PHỐ: "TỈNH ỦY
# LÂM ĐỒNG"); one-syllable names (Huế) need no entry.
PLACE_NAMES: tuple[str, ...] = (
    "an giang",
    "bắc ninh",
    "cao bằng",
    "cà mau",
    "cần thơ",
    "đà nẵng",
    "đắk lắk",
    "điện biên",
    "đồng nai",
    "đồng tháp",
    "gia lai",
    "hà nội",
    "hà tĩnh",
    "hải phòng",
    "hồ chí minh",
    "hưng yên",
    "khánh hòa",
    "lai châu",
    "lào cai",
    "lâm đồng",
    "lạng sơn",
    "nghệ an",
    "ninh bình",
    "phú thọ",
    "quảng ngãi",
    "quảng ninh",
    "quảng trị",
    "sơn la",
    "tây ninh",
    "thanh hóa",
    "thái nguyên",
    "tuyên quang",
    "việt nam",
    "vĩnh long",
)

# Breaking before these is where a clerk breaks (multi-word entries match word by word).
_BEFORE_PREFERRED = ("và", "của", "về", "trên địa bàn")
_BEFORE_LIKED = (
    "tại",
    "theo",
    "trong",
    "nhằm",
    "để",
    "đối với",
    "giai đoạn",
    "giữa",
    "gắn với",
    "thuộc",
    "cho",
    "với",
)
# A line should not end on these: they lead into the next word.
_LEADING_WORDS = frozenset(
    [
        "của",
        "và",
        "về",
        "các",
        "những",
        "mọi",
        "cho",
        "với",
        "tại",
        "trên",
        "trong",
        "theo",
        "từ",
        "đến",
        "để",
        "nhằm",
        "là",
        "được",
        "bị",
        "sự",
        "việc",
        "cuộc",
        "ở",
        "do",
        "vì",
        "giữa",
        "thuộc",
    ]
)
# Words a number belongs to ("số 05/KH-UBND", "năm 2024", "Quý I", "giai đoạn 2021 - 2025").
_NUMBER_WORDS = frozenset(
    [
        "số",
        "ngày",
        "tháng",
        "năm",
        "quý",
        "khóa",
        "đợt",
        "lần",
        "điều",
        "khoản",
        "điểm",
        "mục",
        "phần",
        "chương",
        "giai_đoạn",
        "nhiệm_kỳ",
        "năm_học",
        "phụ_lục",
    ]
)
# What a bare number counts ("80 năm", "1 tuổi", "500 người"); "năm 2024 / trên" may break.
_UNIT_WORDS = frozenset(
    [
        "năm",
        "tháng",
        "tuần",
        "ngày",
        "giờ",
        "phút",
        "tuổi",
        "người",
        "lượt",
        "lần",
        "hộ",
        "xã",
        "km",
        "ha",
        "tấn",
        "tỷ",
        "triệu",
        "nghìn",
        "đồng",
        "%",
    ]
)
# Kinds of place whose name follows (CQ-3: "ỦY BAN NHÂN DÂN TỈNH TRÀ VINH").
_PLACE_KINDS = (
    "thành phố",
    "thị xã",
    "thị trấn",
    "đặc khu",
    "tỉnh",
    "huyện",
    "quận",
    "xã",
    "phường",
)

_LEAD_PUNCT = "“\"'‘([«"
_TRAIL_PUNCT = "”\"'’)]».,;:!?…"
_DASHES = frozenset("-–—")
_NUMERIC = re.compile(r"\d|[IVXLC]+(?![^\W\d_])")
_DOC_NUMBER = re.compile(r"\d[^\W_]*(?:[/.-][^\W_]+)+")
_TONE_FIXES = {
    "oá": "óa",
    "oà": "òa",
    "oả": "ỏa",
    "oã": "õa",
    "oạ": "ọa",
    "oé": "óe",
    "oè": "òe",
    "oẻ": "ỏe",
    "oẽ": "õe",
    "oẹ": "ọe",
    "uý": "úy",
    "uỳ": "ùy",
    "uỷ": "ủy",
    "uỹ": "ũy",
    "uỵ": "ụy",
}
# After "q" the "u" belongs to the consonant ("quý", "quỹ"): the mark stays where it is.
_OLD_TONE = re.compile(r"(?<!q)(?:" + "|".join(_TONE_FIXES) + r")$")


def collation(entry: str) -> str:
    """Sort key of the word lists: Vietnamese alphabetical order, near enough (đ after d)."""
    return unicodedata.normalize("NFD", entry.replace("đ", "d\uffff"))


def key(word: str) -> str:
    """A word as the tables hold it: NFC, lower case, punctuation around it removed, the
    tone mark of "oa", "oe", "uy" on the first vowel ("hoá" → "hóa", "uỷ" → "ủy")."""
    core = unicodedata.normalize("NFC", word).strip(_LEAD_PUNCT + _TRAIL_PUNCT).lower()
    return _OLD_TONE.sub(lambda m: _TONE_FIXES[m.group()], core)


@dataclass(frozen=True, slots=True)
class _Word:
    raw: str
    key: str
    head: bool  # punctuation before the letters ("“Năm", "(khóa")
    tail: str  # punctuation after them ("mới,", "2018”")
    upper: bool  # starts with a capital letter
    numeric: bool  # a number, a date, a document number or a Roman numeral
    document: bool  # a document number (is_document_number)
    dash: bool  # a lone "-", "–" or "—"
    after: float  # the cost of a break after this word, from its own punctuation / meaning
    counts: bool  # a number that follows belongs to it ("số", "năm"; two-word ones aside)
    unit: bool  # what a bare number before it counts ("năm", "tuổi")


@lru_cache(maxsize=8192)
def _word(raw: str) -> _Word:
    nfc = unicodedata.normalize("NFC", raw)
    inner = nfc.lstrip(_LEAD_PUNCT)
    core = inner.rstrip(_TRAIL_PUNCT)
    tail = inner[len(core) :]
    k = key(nfc)
    if any(p in tail for p in ",;:)"):
        after = PREFERRED
    elif tail and tail[-1] in '”"’»':
        after = LIKED
    elif not tail and k in _LEADING_WORDS:
        after = DISLIKED
    else:
        after = NEUTRAL
    return _Word(
        raw=nfc,
        key=k,
        head=len(inner) != len(nfc),
        tail=tail,
        upper=bool(core) and core[0].isupper(),
        numeric=bool(core) and _NUMERIC.match(core) is not None,
        document=is_document_number(core),
        dash=nfc in _DASHES,
        after=after,
        counts=not tail and k in _NUMBER_WORDS,
        unit=len(inner) == len(nfc) and k in _UNIT_WORDS,
    )


@lru_cache(maxsize=1)
def _compound_index() -> dict[str, tuple[tuple[tuple[str, str], ...], ...]]:
    """First syllable → the rest of each compound as (key, trailing punctuation) pairs."""
    index: dict[str, list[tuple[tuple[str, str], ...]]] = {}
    for entry in (*COMPOUNDS, *PLACE_NAMES):
        parts = [_word(p) for p in entry.split()]
        index.setdefault(parts[0].key, []).append(
            ((parts[0].tail, ""), *((p.key, p.tail) for p in parts[1:]))
        )
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _compounds_at(words: Sequence[_Word], i: int) -> list[int]:
    """Lengths of the listed compounds starting at ``words[i]``, longest first."""
    entries = _compound_index().get(words[i].key)
    if not entries:
        return []
    found = []
    for entry in entries:
        n = len(entry)
        if i + n > len(words) or words[i].tail != entry[0][0]:
            continue
        for t in range(1, n):
            w, (k, tail) = words[i + t], entry[t]
            if w.key != k or w.head or (t < n - 1 and w.tail != tail):
                break
        else:
            found.append(n)
    return found


Phrases = dict[str, tuple[tuple[str, ...], ...]]


def _phrases(texts: Sequence[str]) -> Phrases:
    """First word → the phrases starting with it, longest first, as tuples of keys."""
    index: dict[str, list[tuple[str, ...]]] = {}
    for text in texts:
        parts = tuple(text.split())
        index.setdefault(parts[0], []).append(parts)
    return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in index.items()}


def _phrase_at(words: Sequence[_Word], i: int, phrases: Phrases) -> int:
    """Length of the longest of ``phrases`` that ``words[i:]`` start with (0 if none), with
    nothing but spaces between its words."""
    for phrase in phrases.get(words[i].key, ()):
        if i + len(phrase) > len(words):
            continue
        for t in range(1, len(phrase)):
            word = words[i + t]
            if word.key != phrase[t] or word.head or words[i + t - 1].tail:
                break
        else:
            return len(phrase)
    return 0


_PREFERRED_AT = _phrases(_BEFORE_PREFERRED)
_LIKED_AT = _phrases(_BEFORE_LIKED)
_PLACE_AT = _phrases(_PLACE_KINDS)


def _number_word(words: Sequence[_Word], i: int) -> bool:
    """``words[i]`` is a word a following number belongs to ("số", "năm", "giai đoạn")."""
    w = words[i]
    if w.counts:
        return True
    return (
        i > 0
        and not w.tail
        and not words[i - 1].tail
        and f"{words[i - 1].key}_{w.key}" in _NUMBER_WORDS
    )


@dataclass(frozen=True, slots=True)
class Gaps:
    """How good a break before each word is: index ``i`` is the gap between word ``i - 1``
    and word ``i`` (index 0 is unused). ``forbidden`` is 0 where a break is allowed, else
    how bad breaking there is (``SPLIT_WORD`` > ``SPLIT_UNIT`` > ``SPLIT_PHRASE``), for when
    every way to keep the line count needs one; ``cost`` ranks the allowed breaks."""

    forbidden: tuple[int, ...]
    cost: tuple[float, ...]


# How bad a forbidden break is, when the line count leaves no choice.
SPLIT_WORD = 3  # inside a word: "CHƯƠNG / TRÌNH", "hưởng / ứng", "Hồ / Chí Minh"
SPLIT_UNIT = 2  # a number from its word, a date, a name: "năm / 2024", "Phú / Phong"
SPLIT_PHRASE = 1  # between the words of a longer compound: "nông thôn / mới"
# The most words of a bracketed aside kept on one line ("(để báo cáo)").
_ASIDE_WORDS = 3


def is_document_number(word: str) -> bool:
    """``412/TTr-SKHCN``, ``25-NQ/TW``, ``30/2020/NĐ-CP``: digits, then a code with letters."""
    core = unicodedata.normalize("NFC", word).strip(_LEAD_PUNCT + _TRAIL_PUNCT)
    match = _DOC_NUMBER.fullmatch(core)
    return match is not None and any(ch.isalpha() for ch in core)


@lru_cache(maxsize=2048)
def gaps(words: tuple[str, ...]) -> Gaps:
    """Forbidden gaps and the cost of every other break between ``words`` (see the module
    docstring); ``words`` as split at white space, in any case."""
    ws = [_word(w) for w in words]
    n = len(ws)
    forbidden = [0] * (n + 1)
    cost = [NEUTRAL] * (n + 1)
    all_caps = "".join(w.raw for w in ws if not w.document).isupper()  # "412/TTr-…" aside

    def forbid(start: int, stop: int, weight: int) -> None:
        """No break between words[start] … words[stop - 1]."""
        for g in range(start + 1, stop):
            if forbidden[g] < weight:
                forbidden[g] = weight

    # Compounds. A gap inside only compounds of one length, at the edge of a listed word,
    # separates two words of a longer one ("nông thôn / mới", "ỦY BAN / NHÂN DÂN"): less bad
    # than a gap that cuts a word.
    index = _compound_index()
    compounds = [_compounds_at(ws, i) if w.key in index else [] for i, w in enumerate(ws)]
    edges: set[int] = set()
    shortest: dict[int, int] = {}
    longest: dict[int, int] = {}
    for a, lengths in enumerate(compounds):
        for length in lengths:
            edges.add(a)
            edges.add(a + length)
            for g in range(a + 1, a + length):
                shortest[g] = min(shortest.get(g, length), length)
                longest[g] = max(longest.get(g, 0), length)
    for g, length in shortest.items():
        phrase = g in edges and length == longest[g]
        forbidden[g] = SPLIT_PHRASE if phrase else SPLIT_WORD

    for i in range(1, n):
        prev, word = ws[i - 1], ws[i]
        # Numbers stay with what they count or date.
        if prev.numeric and not prev.tail:
            bound = i >= 2 and _number_word(ws, i - 2)  # "năm 2024": a year, not a count
            if (word.unit and not bound) or (
                word.key in ("tháng", "năm") and i >= 2 and ws[i - 2].key in ("ngày", "tháng")
            ):
                forbid(i - 1, i + 1, SPLIT_UNIT)  # "80 / năm", "ngày 15 / tháng 02 / năm 2026"
        if word.numeric and _number_word(ws, i - 1):
            forbid(i - 1, i + 1, SPLIT_UNIT)  # "năm / 2024", "số / 05/KH-UBND"
        if word.dash and prev.numeric and i + 1 < n and ws[i + 1].numeric:
            forbid(i - 1, i + 2, SPLIT_UNIT)  # "2021 - 2025"
        # Preferences: the best reason to break here, then the worst reason not to.
        best = prev.after
        if _PREFERRED_AT.get(word.key) and _phrase_at(ws, i, _PREFERRED_AT):
            best = PREFERRED
        elif (_LIKED_AT.get(word.key) and _phrase_at(ws, i, _LIKED_AT)) or (
            prev.document and word.key == "ngày"
        ):
            best = min(best, LIKED)  # "… số 412/TTr-SKHCN / ngày 15/02/2026"
        if word.dash:
            best = max(best, AVOIDED)  # a line must not start like a list item
        elif prev.dash:
            best = max(best, DISLIKED)  # nor end on a dash
        if word.document and not prev.tail and not _number_word(ws, i - 1):
            best = max(best, AVOIDED)  # "Nghị quyết / 57-NQ/TW"
        if word.key == "số" and not prev.tail and i + 1 < n and ws[i + 1].numeric:
            best = max(best, DISLIKED)  # "Kế hoạch / số 05/KH-UBND"
        cost[i] = best

    # A short aside in brackets stays whole: "(để b/c)", "(nếu có)", "(để thực hiện)".
    for i, word in enumerate(ws):
        if word.raw.startswith("(") and ")" not in word.tail:
            close = next(
                (j for j in range(i + 1, min(i + _ASIDE_WORDS, n)) if ")" in ws[j].tail), None
            )
            if close is not None:
                forbid(i, close + 1, SPLIT_UNIT)

    # Names: a run of capitalised words in a sentence-case text ("Phú Phong", "Nguyễn Văn
    # An"), not the capital that starts the text or a sentence; in capitals, the place after
    # its kind ("XÃ ĐƠN DƯƠNG").
    if not all_caps:
        for i in range(2, n):
            prev, word = ws[i - 1], ws[i]
            if (
                word.upper
                and prev.upper
                and not prev.tail
                and not word.head
                and not ws[i - 2].tail.endswith((".", "!", "?"))
            ):
                forbid(i - 1, i + 1, SPLIT_UNIT)
    for i in range(n):
        size = _PLACE_AT.get(ws[i].key) and _phrase_at(ws, i, _PLACE_AT)
        if not size:
            continue
        if max(compounds[i], default=0) > size or ws[i + size - 1].tail:
            continue  # "xã hội", "tỉnh ủy"; "xã," ends the phrase
        start = i + size
        if start >= n or not ws[start].upper:
            continue
        cost[start] = max(cost[start], AVOIDED)  # "tỉnh / Trà Vinh"
        if all_caps:
            stop = start
            while stop < n and stop - start < 4:
                w = ws[stop]
                if stop > start and (
                    w.key in _LEADING_WORDS or _phrase_at(ws, stop, _PLACE_AT) or w.head
                ):
                    break
                stop += 1
                if w.tail:
                    break
            forbid(start, stop, SPLIT_UNIT)
    return Gaps(tuple(forbidden), tuple(cost))


def break_weights(lines: Sequence[str]) -> list[int]:
    """How bad the break after each of ``lines`` but the last is, read as one text
    (``SPLIT_WORD`` … ``SPLIT_PHRASE``, 0 where breaking is allowed): the writer's measure of
    its own breaks, and validate's and check's of the lines a clerk or a document chose."""
    # Split at ordinary spaces only: a no-break space joins its words into one (docs/spec.md).
    words = [[w for w in line.split(" ") if w] for line in lines]
    forbidden = gaps(tuple(w for line in words for w in line)).forbidden
    weights = []
    end = 0
    for line in words[:-1]:
        end += len(line)
        weights.append(forbidden[end] if 0 < end < len(forbidden) - 1 else 0)
    return weights


# -- hyphens a word processor must not break at ---------------------------------------------

# A word of letters and digits joined by "/", "." or "-" that holds a digit or a "/":
# "412/TTr-SKHCN", "25-NQ/TW", "/KH-UBND" (a number left blank), "15-02-2026", "2021-2025".
_CODED_WORD = re.compile(r"(?<![^\W_])/?[^\W_]+(?:[/.-][^\W_]+)+")


def nobreak_hyphen_pieces(text: str) -> list[str]:
    """``text`` cut at the hyphens inside document numbers, dates and number ranges, where a
    word processor would otherwise break a line ("412/TTr- / SKHCN"); joined with "-" the
    pieces give ``text`` back. One piece when there is no such hyphen.

    Only the space-free stretches around a hyphen are searched: most text has none, and a
    coded word never holds a space."""
    hyphen = text.find("-")
    if hyphen == -1:
        return [text]
    pieces: list[str] = []
    start = 0
    length = len(text)
    while hyphen != -1:
        left = hyphen
        while left > 0 and not text[left - 1].isspace():
            left -= 1
        right = hyphen + 1
        while right < length and not text[right].isspace():
            right += 1
        for match in _CODED_WORD.finditer(text, left, right):
            word = match.group()
            if "-" not in word or not ("/" in word or any(ch.isdigit() for ch in word)):
                continue
            offset = match.start()
            for part in word.split("-")[:-1]:
                offset += len(part)
                pieces.append(text[start:offset])
                start = offset + 1
                offset += 1
        hyphen = text.find("-", right)
    pieces.append(text[start:])
    return pieces
