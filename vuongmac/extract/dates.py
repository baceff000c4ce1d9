"""Visit dates: explicit day/month(/year) mentions, relative days, and year inference.

A year is only filled in when something supports it: the date itself, the publication date
(from metadata, the page, or a CMS date code in the URL), or a phrase such as "sau gần 2
tháng vận hành" dated from the model's start on 1 July 2025. Otherwise the date is left
unknown rather than invented.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from vuongmac.extract.text import fold_span

REFORM_START = dt.date(2025, 7, 1)
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august",
         "september", "october", "november", "december"]
    )
}  # fmt: skip
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]

# "Ngày 27/8", "Sáng ngày 2/8", "Chiều thứ Tư (27/8)", "Sáng nay (27/8)", "Tối 27-8-2025";
# spelled out: "ngày 27 tháng 8 năm 2025".
_VI_LEAD = (
    r"(?P<lead>(?:[Nn]gày|[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)(?:\s+(?:ngày|nay|hôm nay))?"
    r"(?:\s+(?:[Tt]hứ\s+(?:[Hh]ai|[Bb]a|[Tt]ư|[Nn]ăm|[Ss]áu|[Bb]ảy|\d)|[Cc]hủ\s+[Nn]hật))?"
    r"\s*[,(]?\s*(?:ngày\s+)?)"
)
_VI_DATE = re.compile(
    _VI_LEAD + r"(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}))?(?!\d)"
)
_VI_DATE_SPELLED = re.compile(
    _VI_LEAD + r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:,\s*)?năm\s+(?P<y>\d{4}))?(?!\d)"
)
_EN_DATE = re.compile(
    r"\b(?:(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?"
    r"(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December)"
    r"\s+(?P<d>\d{1,2})(?!\d)(?:st|nd|rd|th)?(?:,?\s+(?P<y>\d{4}))?"
)
_EN_DATE_DMY = re.compile(
    r"\b(?P<d>\d{1,2})\s+(?P<mon>January|February|March|April|May|June|July|August|September|"
    r"October|November|December)(?:,?\s+(?P<y>\d{4}))?(?!\d)"
)
_NUMERIC_DATE = re.compile(r"(?<![\d/])(\d{2})/(\d{2})/(20\d{2})(?![\d/])")
_PUBLISHED = re.compile(
    r"(?:Ngày đăng|Cập nhật|Published|Posted)\s*:?\s*(\d{1,2})/(\d{1,2})/(\d{4})"
)
_URL_CODE = re.compile(r"-\d{3}(2\d)(0[1-9]|1[0-2])([0-2]\d|3[01])\d{6,}\.html?")
_RELATIVE_VI = re.compile(r"\b(?:sáng nay|chiều nay|hôm nay|tối nay|trưa nay)\b", re.IGNORECASE)
_RELATIVE_EN = re.compile(r"\b(?:today|this morning|this afternoon)\b", re.IGNORECASE)
_YESTERDAY = re.compile(
    r"\b(?:sáng qua|chiều qua|tối qua|hôm qua|yesterday)\b(?!\s*\()", re.IGNORECASE
)
_ON_WEEKDAY = re.compile(r"\b[Oo]n (Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b")
_MONTHS_IN = re.compile(
    r"sau\s+(?:gan|hon|khoang|gan\s+)?\s*(\d+)\s+thang\s+(?:trien khai|van hanh|thuc hien|hoat dong)"
)
_TRIAL_RUN = re.compile(
    r"(?:van hanh thu(?: nghiem)?|thi diem van hanh|(?:trial|pilot) operation|trial run)"
    r"[^.]{0,80}(?:2 cap|hai cap|2-level|two-level|two-tier|2-tier)"
)
_DOCUMENT_BEFORE = re.compile(
    r"(?:số\s+[\w/-]+|KL/TW|KL/TU|QĐ/TU|TB/TU|NQ/TW)[,\s]*(?:ngày\s+)?$|"
    r"(?:hạn cuối[^.]{0,80}|dự kiến[^.]{0,40}|sẽ[^.]{0,20}|khai mạc[^.]{0,15}|"
    r"\btrước|\bkể từ|\btừ|\bđến)\s+(?:ngày\s+)?$",
    re.IGNORECASE,
)
_RANGE_AFTER = re.compile(r"^\s*(?:đến nay|đến|tới|-\s*\d|–\s*\d|to \d)", re.IGNORECASE)
_EN_NOT_VISIT = re.compile(
    r"(?:from|since|until|by|before|starting|effective)\s+(?:the\s+)?$", re.IGNORECASE
)
_YEAR = re.compile(r"(?<!\d)(20[12]\d)(?!\d)")
# "2021-2026", "2021 – 2025": a term or a plan period, not the year of an event.
_YEAR_RANGE = re.compile(r"(?<!\d)20[12]\d\s*[-–—/]\s*20[12]\d(?!\d)")
# Sessions of the National Assembly: (term, session) -> year. Voter meetings are held just
# before or after a session ("tiếp xúc cử tri sau kỳ họp thứ 10, Quốc hội khóa XIV").
_NA_SESSION_YEARS = {
    ("xiv", 1): 2016, ("xiv", 2): 2016, ("xiv", 3): 2017, ("xiv", 4): 2017, ("xiv", 5): 2018,
    ("xiv", 6): 2018, ("xiv", 7): 2019, ("xiv", 8): 2019, ("xiv", 9): 2020, ("xiv", 10): 2020,
    ("xiv", 11): 2021, ("xv", 1): 2021, ("xv", 2): 2021, ("xv", 3): 2022, ("xv", 4): 2022,
    ("xv", 5): 2023, ("xv", 6): 2023, ("xv", 7): 2024, ("xv", 8): 2024, ("xv", 9): 2025,
    ("xv", 10): 2025,
}  # fmt: skip
_NA_SESSION = re.compile(r"ky hop thu (\d{1,2})\s*,?\s*(?:cua\s+)?quoc hoi khoa (xiv|xv)\b")
_MONTH_ONLY = re.compile(
    r"\b(?:[Ii]n|[Tt]rong|[Vv]ào)\s+(?:tháng\s+(?P<vm>\d{1,2})\s*[/.-]\s*(?P<vy>20\d{2})|"
    r"(?P<em>January|February|March|April|May|June|July|August|September|October|November|"
    r"December)\s+(?P<ey>20\d{2}))"
)
_ISSUED_AFTER = re.compile(r"^[,\s]*(?:[^,.]{0,60}?)\b(?:ban hành|ký ban hành)\b")
_VISIT_WORDS = re.compile(
    r"làm việc|kiểm tra|tiếp xúc|khảo sát|thăm|hội nghị|buổi|chủ trì|giám sát|vận hành|\bhọp\b|"
    r"tiếp công dân|tiếp dân|đối thoại|phiên họp|cuộc họp|giải trình|trình bày|lắng nghe|"
    r"\bmet\b|meeting|inspect|visit|working session|working group|delegation|worked with|"
    r"chaired|attended|surveyed|toured|conference|held (?:a|an|the)\b|working trip|hearing|"
    r"dialogue|seminar|review(?:ed)? the",
    re.IGNORECASE,
)


_ABBREVIATION = re.compile(
    r"(?:\b(?:Mr|Mrs|Ms|Dr|St|No|Nos|TP|TS|ThS|PGS|GS|Th|Co|Ltd|Jr)|\b[A-Z])$"
)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding text[start:end]; "Mr." and "TP." do not end sentences."""
    left = start
    while True:
        left = max(text.rfind(". ", 0, left), text.rfind("\n", 0, left))
        if (
            left <= 0
            or text[left] == "\n"
            or not _ABBREVIATION.search(text[max(0, left - 4) : left])
        ):
            break
    right = end
    while True:
        candidates = [i for i in (text.find(". ", right), text.find("\n", right)) if i != -1]
        right = min(candidates) if candidates else len(text)
        if right >= len(text) or text[right] == "\n":
            break
        if not _ABBREVIATION.search(text[max(0, right - 4) : right]):
            break
        right += 2
    return text[max(left, -1) + 1 : right]


@dataclass(frozen=True, slots=True)
class DateFinding:
    date: dt.date | None
    precision: str  # day | month | unknown
    evidence: str | None
    pos: int = -1  # offset of the evidence in the text, when known

    @property
    def iso(self) -> str | None:
        if self.date is None:
            return None
        return self.date.isoformat() if self.precision == "day" else self.date.strftime("%Y-%m")


def safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def publication_date(text: str, url: str | None) -> dt.date | None:
    if m := _PUBLISHED.search(text[:4000]):
        return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    if url and (m := _URL_CODE.search(url)):
        return safe_date(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
    head = text[:3000]
    if m := _NUMERIC_DATE.search(head):  # a byline date such as "Báo An Giang 05/06/2025"
        return safe_date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    return None


def _infer_year(month: int, day: int, text: str, published: dt.date | None) -> int | None:
    if published is not None:
        year = published.year
        candidate = safe_date(year, month, day)
        if candidate and candidate > published + dt.timedelta(days=3):
            year -= 1
        return year
    folded = fold_span(text, 0, 8000)
    m = _MONTHS_IN.search(folded)
    if m:  # "sau gần 2 tháng vận hành" the two-tier model: counted from 1 July 2025
        months = int(m.group(1))
        expected = REFORM_START.month + months
        if 7 <= month <= 12 and abs(month - expected) <= 2:
            return 2025
    if month == 6 and _TRIAL_RUN.search(folded):
        return 2025  # the two-tier model was trial-run in June 2025, before it began on 1 July
    if m := _NA_SESSION.search(folded):
        year = _NA_SESSION_YEARS.get((m.group(2), int(m.group(1))))
        if year:
            return year
    years = _YEAR.findall(_YEAR_RANGE.sub(" ", text[:8000]))
    if years:  # the year the text itself states most often
        return int(max(set(years), key=lambda y: (years.count(y), -int(y))))
    if month >= 6 and _TWO_TIER.search(folded):
        # No year anywhere: an account of the two-tier model's start (trial run in June,
        # operation from 1 July 2025) is of its first year.
        return 2025
    return None


_TWO_TIER = re.compile(
    r"\b(?:two-tier|two-level|chinh quyen (?:dia phuong )?(?:2|hai) cap|after the merger|"
    r"sau sap nhap|sau sap xep)\b"
)


@dataclass(frozen=True, slots=True)
class _Candidate:
    rank: int  # 0 "vào ngày", 1 in a sentence with a visit word, 2-3 without one
    pos: int
    day: int
    month: int
    date: dt.date | None
    evidence: str
    sentence: str


def day_candidates(
    text: str, published: dt.date | None, language: str | None = None
) -> list[_Candidate]:
    """Every day-precision date in the first 8,000 characters that may be a visit's. With a
    language, only that language's date forms are looked for (each family is a full scan)."""
    head = text[:8000]
    candidates: list[_Candidate] = []
    vi_forms = (_VI_DATE, _VI_DATE_SPELLED) if language != "en" else ()
    en_forms = (_EN_DATE, _EN_DATE_DMY) if language != "vi" else ()
    for m in (match for pattern in vi_forms for match in pattern.finditer(head)):
        day, month = int(m.group("d")), int(m.group("m"))
        if not (1 <= month <= 12 and 1 <= day <= 31):
            continue
        before = head[max(0, m.start() - 40) : m.start()]
        after = head[m.end() : m.end() + 80]
        if _DOCUMENT_BEFORE.search(before + m.group("lead")) or _ISSUED_AFTER.search(after):
            continue  # the date of a document, a deadline or a plan, not of the visit
        if _RANGE_AFTER.search(after):
            continue
        year = int(m.group("y")) if m.group("y") else _infer_year(month, day, head, published)
        sentence = sentence_around(head, m.start(), m.end())
        rank = 0 if head[max(0, m.start() - 5) : m.start()].lower().endswith("vào ") else 1
        if not _VISIT_WORDS.search(sentence):
            rank += 2
        date = safe_date(year, month, day) if year else None
        candidates.append(_Candidate(rank, m.start(), day, month, date, m.group(0), sentence))
    for pattern in en_forms:
        for m in pattern.finditer(head):
            if _EN_NOT_VISIT.search(
                head[max(0, m.start() - 20) : m.start()]
            ) or _RANGE_AFTER.search(head[m.end() : m.end() + 12]):
                continue
            day, month = int(m.group("d")), MONTHS[m.group("mon").lower()]
            year = int(m.group("y")) if m.group("y") else _infer_year(month, day, head, published)
            sentence = sentence_around(head, m.start(), m.end())
            rank = 1 if _VISIT_WORDS.search(sentence) else 3
            date = safe_date(year, month, day) if year else None
            candidates.append(_Candidate(rank, m.start(), day, month, date, m.group(0), sentence))
    return candidates


# A visit told as an event ("inspected", "làm việc với"), not summed up ("have visited").
_EVENT = re.compile(
    r"làm việc|kiểm tra|thăm|khảo sát|tiếp xúc|giám sát|đối thoại|inspect|visit|worked with|"
    r"\bmet\b|surveyed|toured",
    re.IGNORECASE,
)
_SUMMARY = re.compile(
    r"\b(?:have|has)\s+(?:\w+\s+)?(?:visited|inspected|worked)|đã (?:đi )?thăm", re.I
)


def visit_anchors(
    text: str, published: dt.date | None, candidates: list[_Candidate] | None = None
) -> list[DateFinding]:
    """Day dates that each open the account of a visit, one per distinct day, in text order.
    Two or more mean the document reports several visits."""
    if candidates is None:
        candidates = day_candidates(text, published)
    out: dict[tuple[int, int], DateFinding] = {}
    for c in sorted(candidates, key=lambda c: c.pos):
        if c.rank > 1 or not _EVENT.search(c.sentence) or _SUMMARY.search(c.sentence):
            continue
        finding = DateFinding(c.date, "day" if c.date else "unknown", c.evidence, c.pos)
        out.setdefault((c.day, c.month), finding)
    return list(out.values())


def find_visit_date(
    text: str,
    language: str,
    published: dt.date | None,
    candidates: list[_Candidate] | None = None,
) -> DateFinding | None:
    head = text[:8000]
    if candidates is None:
        candidates = day_candidates(text, published)
    if candidates:
        best = min(candidates, key=lambda c: (c.rank, c.pos))
        if best.rank <= 1:
            return DateFinding(
                best.date, "day" if best.date else "unknown", best.evidence, best.pos
            )
    if m := _MONTH_ONLY.search(head):
        month = int(
            m.group("vm") or MONTHS[(m.group("em") or "").lower()]
            if m.group("em")
            else m.group("vm")
        )
        year = int(m.group("vy") or m.group("ey"))
        if 1 <= month <= 12:
            return DateFinding(dt.date(year, month, 1), "month", m.group(0))
    if published is not None:
        if (language == "vi" and _RELATIVE_VI.search(head)) or (
            language == "en" and _RELATIVE_EN.search(head)
        ):
            return DateFinding(published, "day", None)
        if m := _YESTERDAY.search(head):
            return DateFinding(published - dt.timedelta(days=1), "day", m.group(0))
        if m := _ON_WEEKDAY.search(head):
            # news says "on Monday" for the last Monday up to the publication day
            back = (published.weekday() - WEEKDAYS.index(m.group(1).lower())) % 7
            return DateFinding(published - dt.timedelta(days=back), "day", m.group(0))
    return None
