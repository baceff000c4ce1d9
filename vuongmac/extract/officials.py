"""Officials: the lead official and title, the organising body."""

from __future__ import annotations

import re

from vuongmac.extract.dates import DateFinding, sentence_around
from vuongmac.extract.places import EN_UNIT_WORD, VI_SINGLE

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
    "Ma",
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
_TITLE_STOP = re.compile(
    r"\s+(?:làm|đã|có|cùng|tại|về|dẫn đầu|chủ trì|và|cho biết|phát biểu|yêu cầu|đánh giá|"
    r"nhấn mạnh|cho rằng|khẳng định|đề nghị|chỉ đạo|ghi nhận|thông tin|báo cáo|kết luận|"
    r"trao đổi|chia sẻ|lưu ý|biểu dương|kiểm tra|thăm)\s.*$"
)
_VI_COMRADE = re.compile(
    r"(?:[Đđ]ồng chí|[Ôô]ng|[Bb]à)\s+(" + _PERSON + r")\s*(?:,|–|-|—)\s*([^,.;()]{4,90})"
)
_VI_TITLE_NAME = re.compile(
    r"((?:Phó\s+)?(?:Bí thư|Chủ tịch|Trưởng ban|Giám đốc|Thủ tướng|Bộ trưởng|Trưởng đoàn|"
    r"[Đđ]ại biểu Quốc hội|ĐBQH)"
    r"(?:\s+[A-ZĐ][\wÀ-ỹ]*(?:\s+[a-zà-ỹđ]+)?){0,4})\s+(" + _PERSON + r")"
)
_EN_TITLE_NAME = re.compile(
    r"((?:Vice |Deputy |Permanent )?(?:Chairman|Chairwoman|Secretary|Prime Minister|Director|"
    r"Head|Minister|President)(?: of (?:the )?[A-Z][\w' ]{2,60}?)?)\s+(" + _PERSON + r")"
)
_EN_NAME_TITLE = re.compile(
    r"(?:Mr\.?|Mrs\.?|Ms\.?|Comrade)\s+(" + _PERSON + r")\s*(?:,|–|-|—)\s*"
    r"((?:Vice |Deputy |Permanent |Acting )?(?:Chairman|Chairwoman|Secretary|Prime Minister|"
    r"Director|Head|Minister|President|Member)[^,.;()]{0,90}?)(?=\s+and\s|[,.;()]|$)"
)
# The organising body: a delegation, a working group, a standing committee, a deputies'
# group; with its "of …" when it has one, stopping before the verb or the leader.
_BODY_HEAD = (
    r"(?:[Đđ]oàn|[Tt]ổ) (?:công tác|giám sát|khảo sát|kiểm tra)(?: liên ngành)?(?: số \d+)?"
    r"(?: (?:HĐND|UBND)(?: (?:tỉnh|thành phố|TP\.?) ?[A-ZĐ][^\s,.;]*(?: [A-ZĐ][^\s,.;]*){0,3})?)?|"
    r"[Đđ]oàn (?:đại biểu Quốc hội|ĐBQH)(?: (?:tỉnh |TP\. ?|TP |thành phố )?[A-ZĐ][^\s,;]*"
    r"(?: [A-ZĐ][^\s,.;]*){0,3})?|"
    r"Tổ đại biểu số \d+(?: HĐND [^,.;()]{2,30}?)?|"
    r"[Ww]orking (?:[Dd]elegation|[Gg]roup|[Tt]eam)(?: No\. ?\d+)?|"
    r"[Ii]nspection (?:[Tt]eam|[Dd]elegation)"
)
_COMMITTEE_HEAD = (
    r"Ban Thường vụ (?:Tỉnh|Thành|Đảng) ủy|Thường trực (?:Tỉnh|Thành) ủy|Thường trực HĐND|"
    r"Provincial Party (?:Standing )?Committee"
)
_BODY_STOP = (
    r"(?=\s+(?:do|đã|đến|làm việc|tiếp xúc|tiếp|kiểm tra|khảo sát|giám sát|về|tại|với|theo|"
    r"gồm|tổ chức|chủ trì|dự|nghe|họp|led|headed|visited|inspected|worked|conducted|organized|"
    r"held|met|attended|reviewed|surveyed|checked|had|has|on|in|at|to)\b|[,.;:()–—-]|$)"
)
_OF = r"(?:\s+(?:của|of(?: the)?)\s+([^,.;()]{2,60}?))?"
# A delegation is the body when the text names one; a standing committee otherwise.
BODIES = (
    re.compile(r"(" + _BODY_HEAD + r")" + _OF + _BODY_STOP),
    re.compile(r"(" + _COMMITTEE_HEAD + r")" + _OF + _BODY_STOP),
)


def organising_body(text: str) -> str | None:
    """The first organising body the text names, e.g. "Tổ công tác số 12", "Đoàn giám sát
    của HĐND tỉnh", "inspection team of Hue City People's Committee"."""
    for pattern in BODIES:
        if m := pattern.search(text[:6000]):
            return m.group(0).strip()
    return None


def lead_official(text: str, language: str) -> tuple[str | None, str | None]:
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


_PERSON_RE = re.compile(_PERSON)


def names_actor(text: str, anchor: DateFinding) -> bool:
    sentence = sentence_around(text, anchor.pos, anchor.pos + len(anchor.evidence or ""))
    return bool(
        _PERSON_RE.search(sentence) or VI_SINGLE.search(sentence) or EN_UNIT_WORD.search(sentence)
    )
