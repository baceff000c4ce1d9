"""Documents -> draft coding: visits, places, dates, officials, issues, proposals.

Pure and deterministic: ``extract(text, meta)`` reads nothing from disk or network (the
gazetteer is passed in, or the packaged default is used). Every evidence string is a slice
of the input text, so it is verbatim by construction. Rules are general linguistic patterns
(clause splitting, difficulty cues, category lexicons, assignment phrases), documented in
``docs/extraction.md``.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from vuongmac.extract import lexicon as lx
from vuongmac.extract.dates import (
    DateFinding,
    day_candidates,
    find_visit_date,
    publication_date,
    sentence_around,
    visit_anchors,
)
from vuongmac.extract.text import (
    Span,
    any_phrase,
    clauses,
    fold_span,
    paragraphs,
    phrase_regex,
    sentences,
)
from vuongmac.geo.gazetteer import Gazetteer, Status, place_key
from vuongmac.text import UPPER, fold, nfc

MAX_CHARS = 400_000  # longer inputs are cut: a working-visit report is never this long


@dataclass(frozen=True, slots=True)
class DocMeta:
    url: str | None = None
    published: dt.date | None = None
    publisher: str | None = None


@dataclass(slots=True)
class DraftCommune:
    as_written: str
    code: str | None
    name: str | None


@dataclass(slots=True)
class DraftVisit:
    date: str | None
    date_precision: str
    province_code: str | None
    province_name: str | None
    communes: list[DraftCommune] = field(default_factory=list)
    lead_official: str | None = None
    lead_title: str | None = None
    body: str | None = None
    evidence: str | None = None


@dataclass(slots=True)
class DraftIssue:
    category: str
    commune: str | None
    commune_code: str | None
    evidence: str
    confidence: float
    start: int
    end: int


@dataclass(slots=True)
class DraftProposal:
    text: str
    assigned_agency: str | None
    start: int
    end: int


@dataclass(slots=True)
class Draft:
    relevant: bool
    language: str
    visits: list[DraftVisit]
    issues: list[DraftIssue]
    proposals: list[DraftProposal]
    url: str | None = None
    published: str | None = None
    # Place and date of a relevant document that reports no visit or meeting (a department's
    # report, a feature, a written reply to petitions): kept so its issues can still be placed.
    setting: DraftVisit | None = None

    def to_json(self) -> dict[str, Any]:
        """The CLI contract of ``python -m vuongmac extract``."""
        out = asdict(self)
        for issue in out["issues"]:
            issue.pop("start"), issue.pop("end")
        for proposal in out["proposals"]:
            proposal.pop("start"), proposal.pop("end")
        for visit in out["visits"] + ([out["setting"]] if out["setting"] else []):
            visit.pop("evidence")
        return out


_VI_CHARS = set("ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ")


_VI_CHAR_RE = re.compile("[" + "".join(sorted(_VI_CHARS)) + "]")
_LETTER_RE = re.compile(r"[^\W\d_]")


def detect_language(text: str) -> str:
    sample = text[:20000].lower()
    letters = len(_LETTER_RE.findall(sample))
    if not letters:
        return "vi"
    return "vi" if len(_VI_CHAR_RE.findall(sample)) / letters > 0.04 else "en"


_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb]"
)


def clean_input(text: str) -> str:
    """NFC, no control or invisible format characters (newlines and tabs kept), capped length."""
    return _CONTROL.sub("", nfc(text[:MAX_CHARS]).replace("\r\n", "\n").replace("\r", "\n"))


# -- header lines of the corpus format ("URL: ...", " date YYYY-MM-DD ...") -----------------

_URL_LINE = re.compile(r"^\s*URL:\s*(\S+)", re.MULTILINE)
_HEADER_DATE = re.compile(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\b", re.MULTILINE)
_ANY_URL = re.compile(r"https?://[^\s)\]\"'<>]+")


def _valid_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _header_meta(text: str, meta: DocMeta) -> DocMeta:
    url = meta.url
    published = meta.published
    if url is None and (m := _URL_LINE.search(text[:2000])):
        url = m.group(1)
    if url is None and (urls := _ANY_URL.findall(text)):
        url = urls[-1]  # a "Nguồn: https://..." source line closes many articles
    if published is None and (m := _HEADER_DATE.search(text[:3000])):
        year, month = int(m.group(1)), int(m.group(2))
        if 1 <= month <= 12:
            if m.group(3):
                published = _valid_date(year, month, int(m.group(3)))
            else:  # month only: the latest day it can be
                nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
                published = nxt - dt.timedelta(days=1)
    return DocMeta(url=url, published=published, publisher=meta.publisher)


# -- places -----------------------------------------------------------------------------

_NAME = r"[" + UPPER + r"][\w'’-]*(?:[ \t]+(?:[" + UPPER + r"0-9][\w'’-]*|\d+))*"
# Ward names joined by a dash ("Văn Miếu - Quốc Tử Giám", "Lâm Viên - Đà Lạt") or numbered
# ("Phường 2 Bảo Lộc", old "Phường 7").
_VI_SINGLE = re.compile(
    r"\b(xã|phường|thị trấn|đặc khu|Xã|Phường|Thị trấn|Đặc khu)\s+((?:\d+\b(?:[ \t]+"
    + _NAME
    + r")?|"
    + _NAME
    + r")(?:[ \t]+[-–][ \t]+"
    + _NAME
    + r")?)"
)
_VI_LIST = re.compile(
    r"\b(?:các|hai|ba|bốn|năm|\d+|0\d)\s+(?:xã|phường|xã,\s*phường)\s*:?\s*("
    + _NAME
    + r"(?:\s*(?:,|và|;)\s*"
    + _NAME
    + r")*)"
)
# English puts the name before the unit ("Kien Dai Commune", "Binh An and Minh Quang
# communes"): find the unit words (cheap), then read the name backwards from each.
_EN_UNIT_WORD = re.compile(r"\s+(?:[Cc]ommune|[Ww]ard|[Ss]pecial [Zz]one)s?\b")
_EN_NAME_BEFORE = re.compile(r"(?<![\w])((?:\d{1,2}[ \t]+)?" + _NAME + r")$")
_EN_LIST = re.compile(
    r"\b(?:communes?|wards?)(?:\s+and\s+(?:communes|wards))?\s*:?\s+(?:of\s+)?("
    + _NAME
    + r"(?:\s*(?:,|and)\s*"
    + _NAME
    + r")+)"
)
_EN_LIST_BEFORE = re.compile(r"(?<![\w])(" + _NAME + r"(?:\s*(?:,|and)\s*" + _NAME + r")+)$")
_STOP_NAMES = {"uy ban", "ubnd", "hdnd", "dang uy", "the", "party", "people", "provincial", "city"}


# Old units named as what a new commune was formed from, in the same sentence.
_COMPOSITION = re.compile(
    r"(?:tren co so (?:nhap|sap nhap|hop nhat)|(?:sap nhap|hop nhat) (?:tu|toan bo)|"
    r"on the basis of|(?:formed|established|merged) from|merging|old communes?|"
    r"former communes?)[^.;]*$"
)
# Pre-2025 district-level units, the context that tells same-named wards apart.
_OLD_DISTRICT = re.compile(r"\b(?:huyện|quận|thị xã|Huyện|Quận|Thị xã)\s+" + _NAME)


def _split_names(blob: str) -> list[str]:
    return [p.strip() for p in re.split(r"\s*(?:,|;|\bvà\b|\band\b)\s*", blob) if p.strip()]


def _place_mentions(text: str) -> list[tuple[int, str, str | None]]:
    """(offset, name, unit word) of each commune-level mention; the unit word ("xã",
    "phường") tells a 2025 commune from a same-named old district ("xã Quản Bạ")."""
    found: list[tuple[int, str, str | None]] = []
    for m in _VI_LIST.finditer(text):
        unit = _LIST_UNIT.search(m.group(0))
        for name in _split_names(m.group(1)):
            found.append((m.start(1), name, unit.group(0).lower() if unit else None))
    for m in _VI_SINGLE.finditer(text):
        tail = text[m.end(2) : m.end(2) + 6].lower()
        if "cũ" in tail or "(cũ" in tail:
            continue
        found.append((m.start(2), m.group(2), m.group(1).lower()))
    # English patterns run on Vietnamese text too: names in English order do occur there.
    for m in _EN_LIST.finditer(text):
        for name in _split_names(m.group(1)):
            found.append((m.start(1), name, None))
    for u in _EN_UNIT_WORD.finditer(text):
        unit_word = u.group(0).strip()
        start = max(0, u.start() - 300)
        window = text[start : u.start()]
        if unit_word == "communes" and (m := _EN_LIST_BEFORE.search(window, len(window) // 3)):
            for name in _split_names(m.group(1)):
                found.append((start + m.start(1), name, None))
        if m := _EN_NAME_BEFORE.search(window, max(0, len(window) - 120)):
            words = m.group(1).split()
            found.append(
                (start + m.start(1), " ".join(words[-4:]), _EN_UNITS.get(unit_word.lower()[:4]))
            )
    return found


_LIST_UNIT = re.compile(r"(?<=\s)(?:xã|phường)(?=\s*:?\s)(?!,\s*phường)")
_EN_UNITS = {"comm": "xã", "ward": "phường", "spec": "đặc khu"}


def _trim_name(name: str) -> str:
    """Drop trailing words that are not part of a place name ('Con Cuông Nguyễn' -> no)."""
    return re.split(
        r"\s+(?:Tỉnh|Thành phố|Thành ủy|Huyện|Quận|Đảng|Ủy|UBND|HĐND|Ảnh|Province|Party)\b", name
    )[0]


# -- provinces ----------------------------------------------------------------------------


_PROVINCE_PATTERNS: dict[int, tuple[re.Pattern[str], dict[str, str]]] = {}


def _province_pattern(gazetteer: Gazetteer) -> tuple[re.Pattern[str], dict[str, str]]:
    """One alternation of every province name (longest first), built once per gazetteer."""
    cached = _PROVINCE_PATTERNS.get(id(gazetteer))
    if cached is None:
        keys = {key: code for key, code in gazetteer.province_keys() if len(key) >= 3}
        alternation = "|".join(
            re.escape(k).replace(r"\ \-\ ", r"\s*[-–—]\s*")  # "Bà Rịa-Vũng Tàu", "– "
            for k in sorted(keys, key=len, reverse=True)
        )
        # A province name right after a commune's unit word, or before "commune/ward", is
        # the commune's name ("xã Thái Bình", "Hoa Binh ward"), not the province.
        cached = (
            re.compile(
                r"(?<![a-z0-9.])(?<!xa )(?<!phuong )(?<!thi tran )(?<!dac khu )("
                + alternation
                + r")(?![a-z0-9])(?! (?:commune|ward|town|special zone)s?\b)"
            ),
            keys,
        )
        _PROVINCE_PATTERNS[id(gazetteer)] = cached
    return cached


def _province_votes(text: str, gazetteer: Gazetteer) -> dict[str, int]:
    pattern, keys = _province_pattern(gazetteer)
    votes: dict[str, int] = {}
    for found in pattern.findall(fold_span(text)):
        code = keys.get(found) or keys[re.sub(r"\s*[-–—]\s*", " - ", found)]
        votes[code] = votes.get(code, 0) + 1
    return votes


def _province_from_url(url: str | None, gazetteer: Gazetteer) -> str | None:
    if not url:
        return None
    host = url.split("/")[2] if "://" in url else url.split("/")[0]
    host = host.lower().replace("-", "")
    best = None
    for key, code in gazetteer.province_keys():
        compact = key.replace(" ", "")
        if len(compact) >= 5 and compact in host and (best is None or len(compact) > best[0]):
            best = (len(compact), code)
    return best[1] if best else None


# The occasion is a plenary debate of the National Assembly: national, whatever the speakers'
# provinces ("Quốc hội sáng nay thảo luận", "the National Assembly debated").
_NATIONAL_SESSION = re.compile(
    r"\bquoc hoi (?:\w+ ){0,3}(?:thao luan|chat van)|\bnational assembly (?:\w+ ){0,3}"
    r"(?:discuss|debat|question)"
)


# -- officials ----------------------------------------------------------------------------

# Vietnamese personal names start with one of the common family names.
_SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Phan",
    "Vũ",
    "Võ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Hồ",
    "Ngô",
    "Dương",
    "Lý",
    "Đinh",
    "Trịnh",
    "Đoàn",
    "Lâm",
    "Mai",
    "Trương",
    "Cao",
    "Hà",
    "Tạ",
    "Lương",
    "Chu",
    "Đào",
    "Kim",
    "Thái",
    "Tô",
    "Vương",
    "Quách",
    "Lưu",
    "Triệu",
    "Châu",
    "La",
    "Phùng",
    "Đồng",
    "Lò",
    "Giàng",
    "Sùng",
    "Thào",
    "Vi",
    "Nông",
    "Hứa",
    "Lục",
    "Bế",
    "Ninh",
    "Tăng",
    "Khúc",
    "Nghiêm",
    "Quan",
    "Lã",
    "Âu",
    "Đàm",
    "Doãn",
    "Nguyen",
    "Tran",
    "Le",
    "Pham",
    "Hoang",
    "Huynh",
    "Vu",
    "Vo",
    "Dang",
    "Bui",
    "Do",
    "Ho",
    "Ngo",
    "Duong",
    "Ly",
    "Dinh",
    "Trinh",
    "Doan",
    "Lam",
    "Truong",
    "Ha",
    "Ta",
    "Luong",
    "Dao",
    "Thai",
    "To",
    "Vuong",
    "Quach",
    "Luu",
    "Trieu",
    "Chau",
    "Phung",
    "Dong",
]
_PERSON = r"(?:" + "|".join(_SURNAMES) + r")(?:[ \t]+[A-ZĐ][a-zà-ỹđ]+){1,3}"
_TITLE_STOP = re.compile(r"\s+(?:làm|đã|có|cùng|tại|về|dẫn đầu|chủ trì|và|cho biết|phát biểu)\s.*$")
_VI_COMRADE = re.compile(
    r"(?:đồng chí|ông|bà)\s+(" + _PERSON + r")\s*(?:,|–|-|—)\s*([^,.;()]{4,90})"
)
_VI_TITLE_NAME = re.compile(
    r"((?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng ban|Giám đốc|Thủ tướng|Bộ trưởng|Trưởng đoàn)"
    r"(?:\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zà-ỹđ]+)?){0,4})\s+(" + _PERSON + r")"
)
_EN_TITLE_NAME = re.compile(
    r"((?:Vice |Deputy |Permanent )?(?:Chairman|Chairwoman|Secretary|Prime Minister|Director|"
    r"Head|Minister|President)(?: of [A-Z][\w' ]{2,60}?)?)\s+(" + _PERSON + r")"
)
_EN_NAME_TITLE = re.compile(
    r"(?:Mr\.?|Mrs\.?|Ms\.?|Comrade)\s+(" + _PERSON + r")\s*(?:,|–|-|—)\s*"
    r"((?:Vice |Deputy |Permanent |Acting )?(?:Chairman|Chairwoman|Secretary|Prime Minister|"
    r"Director|Head|Minister|President|Member)[^,.;()]{0,90}?)(?=\s+and\s|[,.;()]|$)"
)
_BODY = re.compile(
    r"(Tổ công tác số \d+(?: của [^,.;]{3,40})?|Đoàn (?:công tác|khảo sát|kiểm tra|giám sát)"
    r"(?: của [^,.;]{3,40})?|Ban Thường vụ (?:Tỉnh|Thành) ủy(?: [A-ZĐ][\wÀ-ỹ ]{2,20})?|"
    r"Tổ đại biểu số \d+[^,.;]{0,40}|Thường trực (?:Tỉnh|Thành) ủy|"
    r"working delegation[^,.;]{0,40}|Provincial Party Committee)"
)


def _official(text: str, language: str) -> tuple[str | None, str | None]:
    head = text[:6000]
    candidates: list[tuple[int, str, str]] = []
    if language == "vi":
        for m in _VI_COMRADE.finditer(head):
            candidates.append((m.start(), m.group(1), _TITLE_STOP.sub("", m.group(2)).strip()))
        for m in _VI_TITLE_NAME.finditer(head):
            candidates.append((m.start(), m.group(2), m.group(1).strip()))
    else:
        for m in _EN_TITLE_NAME.finditer(head):
            candidates.append((m.start(), m.group(2), m.group(1).strip()))
        for m in _EN_NAME_TITLE.finditer(head):
            candidates.append((m.start(), m.group(1), m.group(2).strip()))
    if not candidates:
        return None, None
    _, name, title = min(candidates)
    return name, title


# -- issues and proposals -------------------------------------------------------------------

_PROPOSAL_HEAD = re.compile(
    r"\b(?:kiến nghị|đề nghị|đề xuất|mong muốn|recommended|proposed|suggested|called for|"
    r"requested|asked|requesting|proposing|recommending|asking)\b",
    re.IGNORECASE,
)
# A request addressed down (to communes, localities, cadres), hedged ("nếu có"), or phrased
# as an obligation ("đề nghị ... cần") is an instruction, not a proposal.
_DIRECTED_DOWN = re.compile(
    r"\s*(?:[^()]{0,20}\((?:nếu có|if any)|(?:trong|[Tt]rong) thời gian tới,?\s+cần\b|"
    # the addressee is the noun phrase right after the verb: "đề nghị Ban Thường vụ Đảng ủy
    # các xã ...", "đề nghị tập thể lãnh đạo 3 xã", "requested (that) the localities"
    r"(?:(?:[A-ZĐ][\wÀ-ỹ]*|lãnh đạo|cấp ủy|chính quyền|tập thể|vụ|ủy|nhân dân|trực)[\s,]+){0,6}"
    r"(?:(?:các|\d+|hai|ba|bốn|năm)\s+(?:xã|phường|địa phương|đơn vị)|tập thể|"
    r"cán bộ(?:,? (?:công chức|đảng viên))?|công chức|đảng viên|toàn thể)\b|"
    r"(?:that\s+)?(?:the\s+)?(?:localities|communes|wards|local authorities)\b)"
)
_NEXT_LINE = re.compile(r"(?<=\n)[ \t]*(\S[^\n]{8,})")
_ASSIGN = re.compile(
    r"\b[Gg]iao\s+(?:cho\s+)?((?:[A-ZĐ]|các sở)[^:;.]{2,120}?)\s+(?=chủ trì|kịp thời|căn cứ|"
    r"tham mưu|nghiên cứu|phối hợp|xem xét|thực hiện|rà soát|hướng dẫn|chỉ đạo)"
)
_ASK_AGENCY = re.compile(
    r"\b(?:[Kk]iến nghị|[Đđ]ề nghị|[Đđ]ề xuất|[Mm]ong muốn)(?:,\s*(?:kiến nghị|đề xuất|đề đạt))?\s+"
    r"(?:với\s+)?((?:[A-ZĐ][\wÀ-ỹ.]*|tỉnh|Trung ương|các sở)(?:[\s,]+[\wÀ-ỹ.]+){0,11}?)\s+"
    r"(?=quan tâm|xem xét|sớm|hỗ trợ|tạo điều kiện|bố trí|cho phép|có cơ chế|nghiên cứu|"
    r"chỉ đạo|giải quyết|một số vấn đề|tiếp tục|về\s)"
)
_EN_AGENCY = re.compile(
    r"\b(?:proposed|recommended|requested|asked|urged|called on)\s+(?:that\s+)?"
    r"(the [\w ]{2,40}?|[A-Z][\w ]{2,40}?)\s+"
    r"(?=pay|consider|to |support|provide|allocate|soon|should|must)"
)
_ANNOUNCE = re.compile(
    r"(gặp (?:một số|nhiều) khó khăn|còn (?:một số|nhiều) khó khăn|phát sinh (?:một số|nhiều)|"
    r"những khó khăn, vướng mắc|khó khăn, vướng mắc(?:,)? như|còn nhiều khó khăn|"
    r"(?:still )?faces? (?:some|many) difficulties(?: in terms of)?|difficulties and obstacles|"
    r"advantages, difficulties)",
    re.IGNORECASE,
)


_TERM_INDEX: list[tuple[str, str]] = sorted(
    ((term, cat) for cat, terms in lx.CATEGORY_TERMS.items() for term in terms),
    key=lambda tc: -len(tc[0]),
)
_LEAD = re.compile(
    r"^(?:(?:ve|trong linh vuc|doi voi|o|tai|theo)\s[^,]{1,60},\s*|(?:ben canh do|ngoai ra|"
    r"cung voi do|cu the|tuy nhien|dong thoi|mat khac|in addition|however|besides|also),?\s*)+"
)
# "gây khó khăn trong X" names a consequence, not the subject: no focus after these.
_FOCUS = re.compile(
    r"(?<!gay )(?<!dan den )(?<!causing )(?:tinh trang|kho khan (?:trong|ve|khi|o)|"
    r"vuong mac (?:trong|ve|o)|han che (?:ve|o)|difficulties (?:in|with)|problems (?:in|with)|"
    r"shortage of|lack of|due to|because of|caused by|workload in)\s"
)
_NEUTRAL = re.compile(
    r"\b(?:(?:theo|dung|dap ung|phu hop|so voi|khung) (?:khung )?(?:quy dinh|yeu cau)|"
    r"(?:vung|dia ban|hoan canh|ho) (?:dac biet )?kho khan|dac biet kho khan|"
    r"khong (?:bi )?(?:gian doan|chong cheo|ach tac|anh huong)|"
    # a problem said not to exist: "không có hồ sơ trễ hạn", "no overdue records"
    r"(?:khong (?:co|de xay ra|de)|chua (?:phat sinh|co|xay ra|de xay ra)|no|without any) "
    r"(?:\w+ ){0,3}?(?:tre han|qua han|sai sot|"
    r"loi|ton dong|ach tac|overdue|delays?|errors?|backlogs?))\b"
)
# "A, nhưng B": when only B carries the difficulty, A (often an achievement) is not coded.
_CONTRAST = re.compile(r"(?:,\s*|\s)(?:nhung|song|but|however)\s")
_FALLBACK_RE = phrase_regex(tuple(t for ts in lx.FALLBACK_TERMS.values() for t in ts))
_FALLBACK_CAT = {t: c for c, ts in lx.FALLBACK_TERMS.items() for t in ts}
# "Đây là vướng mắc khi vận hành mô hình" only names difficulties; "còn lúng túng" describes one.
_GENERIC_CUES = {"kho khan", "vuong mac", "han che", "ton tai", "difficult", "difficulties",
                 "problem", "problems", "challenge", "challenges", "obstacle", "obstacles"}  # fmt: skip
_SPECIFIC_CUES = tuple(c for c in lx.STRONG_CUES if c not in _GENERIC_CUES)
# "vị trí chuyên môn như tài chính, kế toán..." names fields of a staffing problem, not subjects.
_FIELD_LIST = re.compile(r"\b(?:linh vuc|vi tri|chuyen mon|chuyen nganh|nganh|fields|positions)\b")
_SEGMENT = re.compile(r",\s|\s(?:dan den|gay|khien|causing|leading to)\s")
_AND = re.compile(r"\s(?:and|va)\s")
_SHORTAGE_OF = re.compile(
    r"(?:lack of|lacks|lacking|lacked|shortage of|shortages of|surplus of|thieu|thieu hut|"
    r"missing)\s+(?:\w+\s+){0,2}"
    r"(?:can bo|cong chuc|vien chuc|nhan luc|nhan su|civil servants|cadres|staff|personnel|officials)"
)
# Remedies presuppose the problem they remedy; asking opens a request, not a finding.
_REMEDY = re.compile(
    r"(?<!\bde )(?<!kip thoi )\b(?:khac phuc|xu ly)(?:,? (?:khac phuc|xu ly))?(?: triet de)? "
    r"(?=tinh trang|nhung )"
)
_ASKING = re.compile(r"(?:can|de nghi|kien nghi|de xuat|mong|xin|som|need|should|must)\b")
# Clauses about solving difficulties, not having them.
_SOLVING = (
    "thao go", "khac phuc kho khan", "khac phuc nhung kho khan", "vuot qua", "giai quyet kho khan",
    "ho tro cac xa", "nham", "nam bat", "lang nghe",
    "to remove", "remove difficulties", "overcome", "to address", "to resolve", "help localities",
    "support communes", "support localities", "guiding localities",
)  # fmt: skip
_DIRECTIVE = re.compile(
    r"(?:^|(?<!van ban)(?<!su)\s)(?:de nghi|yeu cau|chi dao|tiep tuc|tap trung|kien toan|dieu chinh|nang cao|co cac giai phap|"
    r"day manh|tang cuong|chu trong|quan tam|giu vung|phat huy|"
    r"khac phuc|urged|requested|asked|instructed|directed)\b"
)
_CONTRAST_POSITIVE = re.compile(
    r"\b(?:nhung|song)\b.*\b(?:da|van)\b.*\b(?:on dinh|kip thoi|hieu qua|som)\b"
)


_TERM_CATS: dict[str, list[str]] = {}
for _term, _cat in _TERM_INDEX:
    _TERM_CATS.setdefault(_term, []).append(_cat)
_TERM_RE = phrase_regex(tuple(_TERM_CATS))
_DUAL_RE = phrase_regex(tuple(t for t, cats in _TERM_CATS.items() if len(cats) > 1))


def _earliest(folded: str) -> list[str]:
    """Categories of the term that occurs first (the subject of the difficulty); at one
    position the longest term wins, and a term listed under two categories gives both."""
    m = _TERM_RE.search(folded)
    return list(_TERM_CATS[m.group(0)]) if m else []


def _after_contrast(folded: str) -> str:
    """The part after "nhưng/but" when the part before carries no difficulty cue."""
    m = _CONTRAST.search(folded)
    if m and not any_phrase(folded[: m.start()], lx.STRONG_CUES):
        rest = folded[m.end() :]
        if any_phrase(rest, lx.STRONG_CUES):
            return rest
    return folded


def _categories(folded: str, listed: bool = False) -> list[str]:
    """Subject category, plus those of other segments that carry their own cue. In an item
    listed under a difficulty header, coordinated nouns ("A and B") and short segments count
    without a cue of their own."""
    folded = _after_contrast(_NEUTRAL.sub(" ", _LEAD.sub("", folded)))
    focus = _FOCUS.search(folded)
    body = folded[focus.end() :] if focus else folded
    cats = _earliest(body) or (_earliest(folded) if focus else [])
    # "khó khăn trong A, B các tuyến đường": the object of a named difficulty is a list.
    listed = listed or bool(focus and focus.group(0).startswith(("kho khan", "vuong mac")))
    for term in _DUAL_RE.findall(folded):  # "chưa đúng chuyên môn": staffing and skills
        cats += [c for c in _TERM_CATS[term] if c not in cats]
    if _SHORTAGE_OF.search(folded) and "staffing_shortage_surplus" not in cats:
        cats.append("staffing_shortage_surplus")
    for n, segment in enumerate(_SEGMENT.split(body)):
        parts = _AND.split(segment)
        if n == 0 and len(parts) == 1:
            continue  # the subject segment is already counted
        cued = any_phrase(segment, lx.STRONG_CUES) or (
            listed and (n == 0 or len(segment.split()) <= 8)
        )
        for part in parts[1:] if n == 0 else parts:
            # "unstable A and slow B": both items share the segment's cue
            if cued:
                cats += [c for c in _earliest(part) if c not in cats]
    if "staffing_shortage_surplus" in cats and _FIELD_LIST.search(folded):
        cats = [c for c in cats if c in {"staffing_shortage_surplus", "staff_capacity"}]
    cats = _staff_check(cats, folded)
    if not cats and any_phrase(folded, _SPECIFIC_CUES) and (m := _FALLBACK_RE.search(folded)):
        cats = [_FALLBACK_CAT[m.group(0)]]
    return cats


def _staff_check(cats: list[str], folded: str) -> list[str]:
    """Capacity and welfare are about staff: the clause must name them (or their pay, or a
    skill only people have: "trình độ chuyên môn", "kinh nghiệm")."""
    if not any_phrase(folded, lx.STAFF_NOUNS):
        if not any_phrase(folded, lx.PERSONAL_SKILLS):
            cats = [c for c in cats if c != "staff_capacity"]
        if not any_phrase(folded, lx.PAY_TERMS):
            cats = [c for c in cats if c != "staff_welfare_policy"]
    return cats


def _enumerated(folded: str) -> list[str]:
    """Every item of an enumeration counts: 'tu A, B, den C', 'in terms of A and B'. Each
    item's subject is its first term that fits it ("năng lực tiếp cận dịch vụ công" of
    citizens is not staff capacity)."""
    cats: list[str] = []
    for item in re.split(r",\s|\s(?:va|den|and|or|hoac)\s|\s-\s", folded):
        for m in _TERM_RE.finditer(item):
            fitting = _staff_check(list(_TERM_CATS[m.group(0)]), item)
            if fitting:
                cats += [c for c in fitting if c not in cats]
                break
    return cats


def _classify(clause: Span, proposal_like: bool, in_context: bool, listed: str | None) -> list[str]:
    """Categories of the difficulties one clause states (empty: it states none)."""
    folded = clause.folded
    # Cheap gate first: every path below needs a cue, a list opened before, or "phát sinh".
    if not (
        listed
        or any_phrase(folded, lx.STRONG_CUES)
        or (in_context and any_phrase(folded, lx.WEAK_CUES))
        or "phat sinh" in folded
    ):
        return []
    # Problems said not to exist ("không có hồ sơ trễ hạn") and classifications ("xã đặc biệt
    # khó khăn") carry no cue.
    folded = _NEUTRAL.sub(" ", folded)
    opening = " ".join(_LEAD.sub("", folded).split()[:10])
    if proposal_like or _DIRECTIVE.search(opening):
        remedy = _REMEDY.search(folded)
        if remedy:  # "khắc phục tình trạng thiếu hụt cán bộ": the problem exists
            rest = folded[remedy.start() :]
            if any_phrase(rest, _SPECIFIC_CUES) and not any_phrase(rest, _SOLVING):
                return _categories(rest)
    if proposal_like:
        # In a petition ("Cử tri kiến nghị: còn nhiều bất cập trong...") a listed item that
        # states a problem, rather than asks for something, is a difficulty.
        if listed and any_phrase(folded, lx.STRONG_CUES) and not _ASKING.match(opening):
            return _categories(folded)
        return []
    if _CONTRAST_POSITIVE.search(folded) or _DIRECTIVE.search(opening):
        return []
    announced = _ANNOUNCE.search(clause.text)
    if announced:
        # "còn nhiều khó khăn - từ A, B, đến C": the list after it is the content.
        rest = fold(clause.text[announced.end() :]).strip(" -–")
        rest = re.split(r"\s[-–—]\s", rest)[0]  # the list ends at the next dash
        rest = _CONTRAST.split(rest)[0]  # "... nhưng xã đã nỗ lực": the list ends at "but"
        if len(rest.split()) < 2 or any_phrase(rest, _SOLVING):
            return []
        return _enumerated(rest)
    if listed == "difficulties" and not any_phrase(folded, _SOLVING):
        return _categories(folded, listed=True)  # "hạn chế, đó là: A; B": no cue needed
    if _is_difficulty(folded, in_context):
        return _categories(folded)
    return []


def _is_difficulty(folded: str, in_context: bool) -> bool:
    if any_phrase(folded, _SOLVING):
        return False
    strong = any_phrase(folded, lx.STRONG_CUES)
    weak = any_phrase(folded, lx.WEAK_CUES)
    if not strong and not (weak and in_context):
        return False
    if not strong and any_phrase(folded, lx.POSITIVE_MARKERS):
        return False
    return len(folded.split()) >= 3


def reports_visit(text: str) -> bool:
    """Does the document name an occasion (a visit, a meeting, an inspection, a debate)? A
    relevant document that names none is a report, a feature or a written reply."""
    head = fold_span(text, 0, 20000)
    return any_phrase(head, lx.VISIT_MARKERS) or bool(_NATIONAL_SESSION.search(head[:1500]))


class Extractor:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer

    def __call__(self, raw: str, meta: DocMeta | None = None) -> Draft:
        text = clean_input(raw or "")
        meta = _header_meta(text, meta or DocMeta())
        language = detect_language(text)
        if not text.strip():
            return Draft(False, language, [], [], [], meta.url, None)
        published = meta.published or publication_date(text, meta.url)

        province_code, communes = self._places(text, language, meta.url)
        issues = self._issues(text, province_code, communes)
        proposals = self._proposals(text, language)
        province_name = self.gaz.province_name(province_code) if province_code else None

        def occasion(start: int, end: int, date: DateFinding | None) -> DraftVisit:
            name, title = _official(text[start:end], language)
            body_match = _BODY.search(text[start : min(end, start + 6000)])
            return DraftVisit(
                date=date.iso if date else None,
                date_precision=date.precision if date else "unknown",
                province_code=province_code,
                province_name=province_name,
                communes=[DraftCommune(w, c, n) for p, w, c, n in communes if start <= p < end],
                lead_official=name,
                lead_title=title,
                body=body_match.group(1).strip() if body_match else None,
                evidence=date.evidence if date else None,
            )

        dates = day_candidates(text, published, language)
        anchors = visit_anchors(text, published, dates)
        # A later dated event opens a visit of its own only when it names who or where
        # ("on June 11, Mr. Nguyen Long Hai … inspected Ben Quan commune"), not "ngày 15/8,
        # xã đã tổ chức kiểm tra".
        anchors = anchors[:1] + [a for a in anchors[1:] if _names_actor(text, a)]
        if len(anchors) >= 2:
            # Several visits on different days: each account runs from the paragraph of its
            # date to the next one's (places before the first belong to the first).
            starts = [0] + [text.rfind("\n", 0, a.pos) + 1 for a in anchors[1:]]
            ends = starts[1:] + [len(text)]
            visits = [occasion(a, b, d) for a, b, d in zip(starts, ends, anchors, strict=True)]
        else:
            visits = [occasion(0, len(text), find_visit_date(text, language, published, dates))]
        folded_head = fold_span(text, 0, 20000)
        relevant = bool(issues or proposals) and (
            len(issues) >= 2 or any_phrase(folded_head, lx.RELEVANCE_CONTEXT)
        )
        visit_named = reports_visit(text)
        return Draft(
            relevant=relevant,
            language=language,
            visits=visits if relevant and visit_named else [],
            issues=issues if relevant else [],
            proposals=proposals if relevant else [],
            url=meta.url,
            published=published.isoformat() if published else None,
            setting=visits[0] if relevant and not visit_named else None,
        )

    # places: communes resolved through the gazetteer; province from text, communes, URL
    def _places(
        self, text: str, language: str, url: str | None
    ) -> tuple[str | None, list[tuple[int, str, str | None, str | None]]]:
        mentions = _place_mentions(text)
        votes = _province_votes(text, self.gaz)
        url_province = _province_from_url(url, self.gaz)
        commune_votes: dict[str, int] = {}
        unique: dict[str, str] = {}
        for _, name, unit in mentions:
            name = _trim_name(name)
            if fold(name) in _STOP_NAMES or len(name) < 2:
                continue
            r = self.gaz.resolve(f"{unit} {name}" if unit else name)
            if (
                r.status is Status.RESOLVED
                and r.province_code
                and r.level
                and r.level.value == "commune"
            ):
                commune_votes[r.province_code] = commune_votes.get(r.province_code, 0) + 1
                unique[name] = r.province_code
        scores: dict[str, float] = {}
        for code, n in votes.items():
            scores[code] = scores.get(code, 0) + 2.0 * n
        for code, n in commune_votes.items():
            scores[code] = scores.get(code, 0) + 1.5 * n
        if url_province:
            scores[url_province] = scores.get(url_province, 0) + 3.0
        ranked = sorted(scores.values(), reverse=True)
        if _NATIONAL_SESSION.search(fold_span(text, 0, 1500)):
            province = None  # a deputy's province is not the place of a National Assembly debate
        elif ranked and (len(ranked) == 1 or ranked[0] > ranked[1]):
            province = max(scores, key=lambda c: (scores[c], c))
        else:
            province = None  # several provinces named equally (a national meeting): no guess

        communes: list[tuple[int, str, str | None, str | None]] = []
        seen: set[tuple[str, str]] = set()
        districts = list(dict.fromkeys(m.group(0) for m in _OLD_DISTRICT.finditer(text[:20000])))
        for pos, name, unit in sorted(mentions, key=lambda m: m[0]):
            name = _trim_name(name)
            if fold(name) in _STOP_NAMES or len(name) < 2:
                continue
            if _COMPOSITION.search(fold_span(text, max(0, pos - 120), pos)):
                continue  # "trên cơ sở nhập xã A, phường B": the old units a ward was made of
            r = self._resolve_commune(name, unit, province)
            if r.status is not Status.RESOLVED and re.search(r"\s[-–]\s", name):
                name = re.split(r"\s[-–]\s", name)[0]  # "Con Cuông - Nghệ An": the name, a place
                r = self._resolve_commune(name, unit, province)
            if r.status is Status.AMBIGUOUS and districts:
                r = self._in_district(name, districts, province) or r
            codes = r.commune_codes if r.status is Status.RESOLVED else ()
            if r.level is None or r.level.value != "commune" or len(codes) != 1:
                continue
            if province and r.province_code != province:
                continue
            # One entry per unit as written: two old wards merged into one 2025 ward are two
            # places the visit went to, with the same code.
            if (codes[0], fold(name)) in seen:
                continue
            seen.add((codes[0], fold(name)))
            unit = r.units[0]
            communes.append((pos, name, unit.commune_code, unit.commune_name))
        return province, communes

    def _resolve_commune(self, name: str, unit: str | None, province: str | None):  # noqa: ANN202
        """With its unit word first ("xã Quản Bạ" is the 2025 commune, not the old district);
        without it when that finds nothing (a "xã" that became a "phường")."""
        if unit:
            r = self.gaz.resolve(f"{unit} {name}", province)
            if r.status is not Status.NOT_FOUND:
                return r
        r = self.gaz.resolve(name, province)
        words = name.split()
        while r.status is Status.NOT_FOUND and len(words) > 2 and name.isascii():
            # English titles capitalise words before the name: "With Nam Ban Lam Ha Commune"
            words = words[1:]
            r = self.gaz.resolve(" ".join(words), province)
        return r

    def _in_district(self, name: str, districts: list[str], province: str | None):  # noqa: ANN202
        """An ambiguous ward name ("phường Quang Trung") read in each old district the
        document names ("thị xã Sơn Tây"): kept when exactly one district places it."""
        found = {}
        for district in districts:
            r = self.gaz.resolve(f"{name}, {district}", province)
            if r.status is Status.RESOLVED and len(r.commune_codes) == 1:
                found[r.commune_codes[0]] = r
        return next(iter(found.values())) if len(found) == 1 else None

    def _issues(
        self,
        text: str,
        province: str | None,
        communes: list[tuple[int, str, str | None, str | None]],
    ) -> list[DraftIssue]:
        by_key = {place_key(w): (w, c) for _, w, c, _ in communes}
        # A visit to one commune: what it raises is that commune's unless a passage says else.
        only = next(iter(by_key.values())) if len({c for _, _, c, _ in communes}) == 1 else None
        out: list[DraftIssue] = []
        seen: set[tuple[str, int, int]] = set()
        section = False  # under a heading such as "I. Khó khăn, vướng mắc"
        for para in paragraphs(text):
            if _is_heading(text, para):  # still read: a heading can state a difficulty
                section = any_phrase(para.folded, lx.DIFFICULTY_HEADERS)
            para_context = section or any_phrase(para.folded, lx.DIFFICULTY_HEADERS)
            para_commune = self._issue_commune(para.text, by_key, province) or only
            for sent in sentences(text, para):
                sent_folded = sent.folded
                proposal_like = bool(_PROPOSAL_HEAD.search(sent.text[:80])) or bool(
                    _DIRECTIVE.match(_LEAD.sub("", sent_folded).split(" ", 1)[0] + " ")
                    and _DIRECTIVE.match(_LEAD.sub("", sent_folded))
                )
                in_context = para_context or any_phrase(sent_folded, lx.DIFFICULTY_HEADERS)
                commune = self._issue_commune(sent.text, by_key, province) or para_commune
                listed: str | None = None  # "hạn chế, đó là:" / "cử tri kiến nghị:" opened a list
                for clause in clauses(text, sent):
                    found = _classify(clause, proposal_like, in_context, listed)
                    if text[clause.end : clause.end + 3].lstrip(' ."”').startswith(":"):
                        if any_phrase(clause.folded, lx.DIFFICULTY_HEADERS):
                            listed = "difficulties"
                        elif _PROPOSAL_HEAD.search(clause.text):
                            listed = "petition"
                    for cat in found:
                        key = (cat, clause.start, clause.end)
                        if key in seen:
                            continue
                        seen.add(key)
                        out.append(
                            DraftIssue(
                                category=cat,
                                commune=commune[0] if commune else None,
                                commune_code=commune[1] if commune else None,
                                evidence=clause.text,
                                confidence=0.8
                                if any_phrase(clause.folded, lx.STRONG_CUES)
                                else 0.5,
                                start=clause.start,
                                end=clause.end,
                            )
                        )
        return out

    def _issue_commune(
        self, sentence: str, by_key: dict[str, tuple[str, str | None]], province: str | None
    ) -> tuple[str, str | None] | None:
        """The one visited commune a passage names ("phường Vĩnh Trạch", "Phu Loc Commune")."""
        names = {place_key(_trim_name(name)) for _, name, _ in _place_mentions(sentence)}
        hits = {by_key[n] for n in names if n in by_key}
        return hits.pop() if len(hits) == 1 else None

    def _proposals(self, text: str, language: str) -> list[DraftProposal]:
        out: list[DraftProposal] = []
        for para in paragraphs(text):
            if _is_heading(text, para):
                continue  # "II. Kiến nghị của xã" names a section, not a request
            list_end = -1  # a proposal that announced a list runs to the paragraph's end
            for sent in sentences(text, para):
                if sent.start < list_end:
                    continue
                if _respond(sent, out):
                    continue  # "Giao Sở Tài chính chủ trì …" answers a proposal made before
                m = next(
                    (
                        h
                        for h in _PROPOSAL_HEAD.finditer(sent.text)
                        if not _NOUN_USE.match(sent.text, h.end())
                    ),
                    None,
                )  # "ghi nhận những khó khăn và đề xuất của thị xã, …": a noun, read on
                if not m or _DIRECTED_DOWN.match(sent.text, m.end()) or _by_leader(sent.text, m):
                    continue  # no request, or a leader's instruction to the communes
                after = _PROPOSAL_HEAD.sub("", sent.text[m.end() :]).strip(" ,;.")
                if after in ("", ":", "và", "and"):
                    # "Cử tri xã A đề nghị:" opens the next line; a bare "đề xuất, kiến nghị"
                    # at a sentence's end names the topic, not a request.
                    opens = after == ":" or text[sent.end : sent.end + 2].lstrip().startswith(":")
                    nxt = _NEXT_LINE.search(text, sent.end) if opens else None
                    if nxt is None or _PROPOSAL_HEAD.search(nxt.group(1)):
                        continue  # nothing follows, or the next line is a request of its own
                    out.extend(
                        DraftProposal(t, None, a, b) for a, b, t in _items(text, *nxt.span(1))[:1]
                    )
                    continue
                agency = _agency(sent.text)
                colon = sent.text.find(":", m.end())
                items = _items(text, sent.start + colon + 1, sent.end) if colon != -1 else []
                if items and _ANNOUNCES_LIST.search(sent.text[:colon]):
                    # "… kiến nghị một số vấn đề: A. B. C.": the next sentences are items too
                    items = _items(text, sent.start + colon + 1, para.end, sentences=True)
                    list_end = para.end
                if len(items) > 1:
                    # "kiến nghị với tỉnh một số vấn đề: A; B; C": one proposal per item
                    out.extend(DraftProposal(t, agency, a, b) for a, b, t in items)
                    continue
                body_start = sent.start + m.end()
                end = sent.start + colon if colon != -1 else sent.end
                span_text = text[body_start:end].strip(" ,:;")
                if len(span_text.split()) < 3:
                    span_text = sent.text
                    body_start, end = sent.start, sent.end
                start = text.find(span_text, body_start - 1 if body_start else 0)
                out.append(DraftProposal(span_text, agency, start, start + len(span_text)))
        return out


# Who speaks: a visiting or provincial leader's "đề nghị" is an instruction; a commune
# leader's ("Chủ tịch UBND xã …") is a request.
_LEADER = re.compile(
    r"\b(?:[Đđ]ồng chí|Bí thư|Chủ tịch|Trưởng đoàn|Trưởng [Bb]an|Tổ trưởng|Giám đốc|Thủ tướng|"
    r"Bộ trưởng|"
    r"[Cc]hairman|[Cc]hairwoman|[Ss]ecretary|[Ll]eader|[Mm]inister|[Dd]irector|[Hh]ead of)\b"
    r"([^.;]*)$"
)
_LOCAL = re.compile(r"\b(?:xã|phường|[Cc]ommune|[Ww]ard|cử tri|[Vv]oters?)\b")


# "những khó khăn và đề xuất của thị xã, …" names proposals; "kiến nghị, đề xuất của các xã
# về thành lập phòng …" restates one (it has content: "về …").
_NOUN_USE = re.compile(r"(?:,\s*(?:kiến nghị|đề xuất))?\s+của\b(?![^,.;]*\svề\s)")


def _by_leader(sentence: str, head: re.Match[str]) -> bool:
    """The request is made by a leader above the commune (their words are instructions)."""
    before = sentence[max(0, head.start() - 160) : head.start()]
    m = _LEADER.search(before)
    return bool(m) and not _LOCAL.search(m.group(0))


_PERSON_RE = re.compile(_PERSON)


def _names_actor(text: str, anchor: DateFinding) -> bool:
    sentence = sentence_around(text, anchor.pos, anchor.pos + len(anchor.evidence or ""))
    return bool(
        _PERSON_RE.search(sentence) or _VI_SINGLE.search(sentence) or _EN_UNIT_WORD.search(sentence)
    )


def _is_heading(text: str, para: Span) -> bool:
    """A short line without closing punctuation: a section heading or a headline. (Spans are
    trimmed of their closing punctuation, so the character after the span is what tells.)"""
    closing = text[para.end : para.end + 2].lstrip(' "”’)')[:1]
    bullet = text[max(0, para.start - 2) : para.start].strip()[-1:] in ("-", "+", "•", "*", "–")
    return (
        len(para.text.split()) <= 10
        and closing not in (".", ";", ":", "…", "!", "?", ",")
        and not bullet
    )


def _agency(sentence: str) -> str | None:
    for pattern in (_ASSIGN, _ASK_AGENCY, _EN_AGENCY):
        if found := pattern.search(sentence):
            return re.sub(r"^[Tt]he\s+", "", found.group(1).strip(" ,"))
    return None


_ANNOUNCES_LIST = re.compile(
    r"(?:một số|các|những|\d+)\s+(?:vấn đề|nội dung|kiến nghị|đề xuất|ý kiến|đề nghị)\s*$"
)


def _items(text: str, start: int, end: int, sentences: bool = False) -> list[tuple[int, int, str]]:
    """The ';'-separated (or also sentence-separated) items of a list, as verbatim spans of
    three words or more."""
    out = []
    separator = r"[^;]+?(?=;|\.\s+[" + UPPER + r"]|$)" if sentences else r"[^;]+"
    for m in re.finditer(separator, text[start:end]):
        a, b = start + m.start(), start + m.end()
        while a < b and text[a] in " \t-–+•.\n":
            a += 1
        while b > a and text[b - 1] in " \t.,":
            b -= 1
        if len(text[a:b].split()) >= 3:
            out.append((a, b, text[a:b]))
    return out


def _bigrams(text: str) -> set[str]:
    words = fold(text).split()
    return {f"{a} {b}" for a, b in zip(words, words[1:], strict=False)}


def _respond(sent: Span, proposals: list[DraftProposal]) -> bool:
    """An assignment that answers earlier proposals sets their agency and is not a proposal.

    "Đối với đề xuất, kiến nghị của các xã, … giao X" answers all of them (those with no
    agency or only the addressee "tỉnh"); a bare "Giao X chủ trì bổ sung biên chế" answers the
    proposal it shares the most wording with. "Về đề xuất A, giao X" restates proposal A: it
    is a proposal of its own and is left to the caller.
    """
    assign = _ASSIGN.search(sent.text)
    if not assign or not proposals:
        return False
    head = _PROPOSAL_HEAD.search(sent.text)
    if head and not _ANSWERS_ALL.match(sent.text):
        return False
    agency = assign.group(1).strip(" ,")
    if head:
        for p in proposals:
            if p.assigned_agency is None or fold(p.assigned_agency) in _ADDRESSEES:
                p.assigned_agency = agency
        return True
    words = _bigrams(sent.text[assign.end() :])
    scored = [(len(words & _bigrams(p.text)), n) for n, p in enumerate(proposals)]
    best, n = max(scored)
    if best >= 2:
        proposals[n].assigned_agency = agency
    return True


# "Đối với (các) đề xuất, kiến nghị (của các xã|nêu trên), …": no content of its own.
_ANSWERS_ALL = re.compile(
    r"\s*(?:Đối với|Về|Trước|Với)\s+(?:các\s+|những\s+)?(?:ý kiến,?\s*)?"
    r"(?:đề xuất|kiến nghị|đề nghị)(?:,?\s*(?:và\s+)?(?:đề xuất|kiến nghị|đề nghị))?\s*"
    r"(?:của\s+(?:các\s+)?(?:xã|phường|địa phương|đơn vị|cử tri)[^,.;]{0,30}|nêu trên|trên|"
    r"còn lại|này|đó)?\s*,"
)
_ADDRESSEES = {"tinh", "trung uong", "cap tren", "province", "the province", "thanh pho"}


_DEFAULT: Extractor | None = None


def default_extractor() -> Extractor:
    global _DEFAULT
    if _DEFAULT is None:
        from vuongmac.geo.admin import default_gazetteer

        _DEFAULT = Extractor(default_gazetteer())
    return _DEFAULT


def extract(text: str, meta: DocMeta | None = None) -> Draft:
    """Extract a draft coding from one document's text."""
    return default_extractor()(text, meta)
