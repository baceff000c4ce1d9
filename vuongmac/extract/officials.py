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
BODY = re.compile(
    r"(Tổ công tác số \d+(?: của [^,.;]{3,40})?|Đoàn (?:công tác|khảo sát|kiểm tra|giám sát)"
    r"(?: của [^,.;]{3,40})?|Ban Thường vụ (?:Tỉnh|Thành) ủy(?: [A-ZĐ][\wÀ-ỹ ]{2,20})?|"
    r"Tổ đại biểu số \d+[^,.;]{0,40}|Thường trực (?:Tỉnh|Thành) ủy|"
    r"working delegation[^,.;]{0,40}|Provincial Party Committee)"
)


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
