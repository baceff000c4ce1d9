"""Issues: clauses that state a difficulty, their codebook group and the commune that
raised them. See docs/extraction.md for the rules."""

from __future__ import annotations

import bisect
import re

from vuongmac.extract import lexicon as lx
from vuongmac.extract.model import DraftIssue
from vuongmac.extract.places import Mention, trim_name
from vuongmac.extract.proposals import PROPOSAL_HEAD
from vuongmac.extract.text import (
    Span,
    any_phrase,
    clauses,
    is_heading,
    paragraphs,
    phrase_regex,
    sentences,
)
from vuongmac.geo.gazetteer import place_key
from vuongmac.text import fold

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


def find_issues(
    text: str, communes: list[tuple[int, str, str | None, str | None]], mentions: list[Mention]
) -> list[DraftIssue]:
    """Every clause that states a difficulty, once per group, with the commune that raised
    it (``communes``: the visit places from ``find_places``; ``mentions``: every place
    mention, from ``place_mentions``)."""
    by_key = {place_key(w): (w, c) for _, w, c, _ in communes}
    named = sorted((pos, place_key(trim_name(name))) for pos, name, _ in mentions)
    # A visit to one commune: what it raises is that commune's unless a passage says else.
    only = next(iter(by_key.values())) if len({c for _, _, c, _ in communes}) == 1 else None
    out: list[DraftIssue] = []
    seen: set[tuple[str, int, int]] = set()
    section = False  # under a heading such as "I. Khó khăn, vướng mắc"
    for para in paragraphs(text):
        if is_heading(text, para):  # still read: a heading can state a difficulty
            section = any_phrase(para.folded, lx.DIFFICULTY_HEADERS)
        para_context = section or any_phrase(para.folded, lx.DIFFICULTY_HEADERS)
        para_commune = _issue_commune(named, para, by_key) or only
        for sent in sentences(text, para):
            sent_folded = sent.folded
            proposal_like = bool(PROPOSAL_HEAD.search(sent.text[:80])) or bool(
                _DIRECTIVE.match(_LEAD.sub("", sent_folded).split(" ", 1)[0] + " ")
                and _DIRECTIVE.match(_LEAD.sub("", sent_folded))
            )
            in_context = para_context or any_phrase(sent_folded, lx.DIFFICULTY_HEADERS)
            commune = _issue_commune(named, sent, by_key) or para_commune
            listed: str | None = None  # "hạn chế, đó là:" / "cử tri kiến nghị:" opened a list
            for clause in clauses(text, sent):
                found = _classify(clause, proposal_like, in_context, listed)
                if text[clause.end : clause.end + 3].lstrip(' ."”').startswith(":"):
                    if any_phrase(clause.folded, lx.DIFFICULTY_HEADERS):
                        listed = "difficulties"
                    elif PROPOSAL_HEAD.search(clause.text):
                        listed = "petition"
                a, b = _quote_span(clause.text) if found else (0, len(clause.text))
                start, end = clause.start + a, clause.start + b
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
                            evidence=text[start:end],
                            confidence=0.8 if any_phrase(clause.folded, lx.STRONG_CUES) else 0.5,
                            start=start,
                            end=end,
                        )
                    )
    return out


# Openings that are not part of the difficulty: connectives and "According to X," leads.
_QUOTE_LEAD = re.compile(
    r"^(?:(?:Tuy nhiên|Bên cạnh đó|Ngoài ra|Cùng với đó|Cụ thể|Đồng thời|Mặt khác|Hiện nay|"
    r"However|In addition|Besides|Meanwhile|Also|Specifically)\s*,\s*|"
    r"(?:Theo|According to)\s[^,]{3,80},\s*|(?:[Qq]ua|[Ss]au khi)\s[^,]{3,40}cho thấy,?\s*)+",
    re.IGNORECASE,
)


_DASH = re.compile(r"\s[-–—]\s")


def _quote_span(clause_text: str) -> tuple[int, int]:
    """The quote of a difficulty within its clause: after leading connectives, or the
    announced list itself ("… vẫn còn nhiều khó khăn - từ A, B, đến C - đòi hỏi …")."""
    announced = _ANNOUNCE.search(clause_text)
    if announced and announced.start() > 0:
        start = _word_start(clause_text, announced.start())
        opener = re.match(r"\s*[-–—]\s", clause_text[announced.end() :])
        list_from = announced.end() + (opener.end() if opener else 0)
        closer = _DASH.search(clause_text, list_from)
        return start, closer.start() if closer else len(clause_text)
    lead = _QUOTE_LEAD.match(clause_text)
    if lead and len(clause_text) - lead.end() >= 12:
        return lead.end(), len(clause_text)
    return 0, len(clause_text)


def _word_start(text: str, pos: int) -> int:
    """Back to the start of a cue's phrase: "vẫn còn nhiều khó khăn", "còn gặp nhiều …"."""
    words = text[:pos].rstrip().rsplit(" ", 2)
    keep = [w for w in words[1:] if w.lower() in {"vẫn", "còn", "đang", "cũng", "still", "also"}]
    back = sum(len(w) + 1 for w in keep)
    return max(0, len(text[:pos].rstrip()) - back + (1 if keep else 0)) if keep else pos


def _issue_commune(
    named: list[tuple[int, str]], span: Span, by_key: dict[str, tuple[str, str | None]]
) -> tuple[str, str | None] | None:
    """The one visited commune a passage names ("phường Vĩnh Trạch", "Phu Loc Commune");
    ``named`` holds (offset, place key) of every mention in the document, in order."""
    lo = bisect.bisect_left(named, (span.start, ""))
    hi = bisect.bisect_left(named, (span.end, ""))
    hits = {by_key[key] for _, key in named[lo:hi] if key in by_key}
    return hits.pop() if len(hits) == 1 else None
