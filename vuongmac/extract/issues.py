"""Issues: clauses that state a difficulty, their codebook group and the commune that
raised them. See docs/extraction.md for the rules."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from vuongmac.extract import lexicon as lx
from vuongmac.extract.catmodel import (
    CategoryModel,
    clause_features,
    lexicon_categories,
    worth_scoring,
)
from vuongmac.extract.model import DraftIssue, DraftProposal
from vuongmac.extract.places import Mention, trim_name
from vuongmac.extract.proposals import PROPOSAL_HEAD
from vuongmac.extract.text import (
    Span,
    any_phrase,
    clauses,
    is_heading,
    segmented,
)
from vuongmac.geo.gazetteer import place_key
from vuongmac.text import Terms, fold

_ANNOUNCE = re.compile(
    r"(gặp (?:một số|nhiều) khó khăn|còn (?:một số|nhiều) khó khăn|phát sinh (?:một số|nhiều)|"
    r"những khó khăn, vướng mắc|khó khăn, vướng mắc(?:,)? như|còn nhiều khó khăn|"
    r"(?:still )?faces? (?:some|many) difficulties(?: in terms of)?|difficulties and obstacles|"
    r"advantages, difficulties)",
    re.IGNORECASE,
)


_LEAD = re.compile(
    r"^(?:(?:ve|trong linh vuc|doi voi|o|tai|theo)\s[^,]{1,60},\s*|(?:ben canh do|ngoai ra|"
    r"cung voi do|cu the|tuy nhien|dong thoi|mat khac|in addition|however|besides|also),?\s*)+"
)
# "gây khó khăn trong X" names a consequence, not the subject: no focus after these.
_FOCUS = re.compile(
    r"(?<!gay )(?<!dan den )(?<!causing )(?:tinh trang|kho khan (?:trong|ve|khi|o)|"
    r"vuong mac (?:trong|ve|o)|han che (?:ve|o)|"
    r"(?:difficulties|problems|challenges|limitations) (?:in terms of|in|with|including|from)|"
    r"shortage of|lack of|due to|because of|caused by|workload in)\s"
)
_NEUTRAL = re.compile(
    r"\b(?:(?:theo|dung|dap ung|phu hop|so voi|khung) (?:khung )?(?:quy dinh|yeu cau)|"
    r"(?:vung|dia ban|hoan canh|ho) (?:dac biet )?kho khan|dac biet kho khan|"
    # office names: "phòng Kinh tế (hạ tầng)" is a unit, not the economy
    r"phong kinh te(?: ha tang(?: va do thi)?)?|"
    r"khong (?:bi )?(?:gian doan|chong cheo|ach tac|anh huong)|"
    # a problem said not to exist: "không có hồ sơ trễ hạn", "no overdue records"
    r"(?:khong (?:co|de xay ra|de)|chua (?:phat sinh|co|xay ra|de xay ra)|no|without any) "
    r"(?:\w+ ){0,3}?(?:tre han|qua han|sai sot|"
    r"loi|ton dong|ach tac|overdue|delays?|errors?|backlogs?))\b"
)
# "A, nhưng B": when only B carries the difficulty, A (often an achievement) is not coded.
_CONTRAST = re.compile(r"(?:,\s*|\s)(?:nhung|song|but|however)\s")
_FALLBACK = Terms(s for ts in lx.FALLBACK_TERMS.values() for f in ts for s in ts.spellings(f))
_FALLBACK_CAT = {t: c for c, ts in lx.FALLBACK_TERMS.items() for t in ts}
# "Đây là vướng mắc khi vận hành mô hình" only names difficulties; "còn lúng túng" describes one.
_GENERIC_CUES = {"kho khan", "vuong mac", "han che", "ton tai", "difficult", "difficulties",
                 "problem", "problems", "challenge", "challenges", "obstacle", "obstacles"}  # fmt: skip
_SPECIFIC_CUES = lx.STRONG_CUES.without(_GENERIC_CUES)
# "vị trí chuyên môn như tài chính, kế toán..." names fields of a staffing problem, not subjects.
_FIELD_LIST = re.compile(
    r"\b(?:linh vuc|vi tri|chuyen mon|chuyen nganh|nganh|fields|positions|sectors|key areas)\b"
)
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
    "thao go", "giai dap", "xu ly ton tai", "xu ly vuong mac", "thuan loi, kho khan", "khac phuc kho khan", "khac phuc nhung kho khan", "vuot qua", "giai quyet kho khan",
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


# folded term -> its categories (a term listed under two gives both: "chưa đúng chuyên môn")
_TERM_CATS = lx.CATEGORIES_OF
_ALL_TERMS = lx.ALL_CATEGORY_TERMS
_DUAL_TERMS = Terms(
    s for f, cats in _TERM_CATS.items() if len(cats) > 1 for s in _ALL_TERMS.spellings(f)
)


def _earliest(folded: str, lower: str | None) -> list[str]:
    """Categories of the term that occurs first (the subject of the difficulty); at one
    position the longest term wins, and a term listed under two categories gives both."""
    m = _ALL_TERMS.search(folded, lower)
    return list(_TERM_CATS[m.group(0)]) if m else []


def _after_contrast(folded: str, lower: str | None) -> str:
    """The part after "nhưng/but" when the part before carries no difficulty cue."""
    m = _CONTRAST.search(folded)
    if m and not lx.STRONG_CUES.any(folded[: m.start()], lower):
        rest = folded[m.end() :]
        if lx.STRONG_CUES.any(rest, lower):
            return rest
    return folded


def _categories(folded: str, lower: str | None, listed: bool = False) -> list[str]:
    """Subject category, plus those of other segments that carry their own cue. In an item
    listed under a difficulty header, coordinated nouns ("A and B") and short segments count
    without a cue of their own."""
    folded = _after_contrast(_NEUTRAL.sub(" ", _LEAD.sub("", folded)), lower)
    focus = _FOCUS.search(folded)
    body = folded[focus.end() :] if focus else folded
    cats = _earliest(body, lower) or (_earliest(folded, lower) if focus else [])
    # "khó khăn trong A, B các tuyến đường": the object of a named difficulty is a list.
    listed = listed or bool(
        focus
        and focus.group(0).startswith(
            ("kho khan", "vuong mac", "difficulties", "problems", "challenges", "limitations")
        )
    )
    for term in _DUAL_TERMS.findall(folded, lower):  # "chưa đúng chuyên môn": staffing, skills
        cats += [c for c in _TERM_CATS[term] if c not in cats]
    if _SHORTAGE_OF.search(folded) and "staffing_shortage_surplus" not in cats:
        cats.append("staffing_shortage_surplus")
    for n, segment in enumerate(_SEGMENT.split(body)):
        parts = _AND.split(segment)
        if n == 0 and len(parts) == 1:
            continue  # the subject segment is already counted
        cued = lx.STRONG_CUES.any(segment, lower) or (
            listed and (n == 0 or len(segment.split()) <= 8)
        )
        for part in parts[1:] if n == 0 else parts:
            # "unstable A and slow B": both items share the segment's cue
            if cued:
                cats += [c for c in _earliest(part, lower) if c not in cats]
    if "staffing_shortage_surplus" in cats and _FIELD_LIST.search(folded):
        cats = [c for c in cats if c in {"staffing_shortage_surplus", "staff_capacity"}]
    cats = _staff_check(cats, folded, lower)
    if not cats and _SPECIFIC_CUES.any(folded, lower) and (m := _FALLBACK.search(folded, lower)):
        cats = [_FALLBACK_CAT[m.group(0)]]
    return cats


def _staff_check(cats: list[str], folded: str, lower: str | None) -> list[str]:
    """Capacity and welfare are about staff: the clause must name them (or their pay, or a
    skill only people have: "trình độ chuyên môn", "kinh nghiệm")."""
    if not lx.STAFF_NOUNS.any(folded, lower):
        if not lx.PERSONAL_SKILLS.any(folded, lower):
            cats = [c for c in cats if c != "staff_capacity"]
        if not lx.PAY_TERMS.any(folded, lower):
            cats = [c for c in cats if c != "staff_welfare_policy"]
    return cats


def _enumerated(folded: str, lower: str | None) -> list[str]:
    """Every item of an enumeration counts: 'tu A, B, den C', 'in terms of A and B'. Each
    item's subject is its first term that fits it ("năng lực tiếp cận dịch vụ công" of
    citizens is not staff capacity)."""
    cats: list[str] = []
    for item in re.split(r",\s|\s(?:va|den|and|or|hoac)\s|\s-\s", folded):
        for m in _ALL_TERMS.finditer(item, lower):
            fitting = _staff_check(list(_TERM_CATS[m.group(0)]), item, lower)
            if fitting:
                cats += [c for c in fitting if c not in cats]
                break
    return cats


def _classify(
    clause: Span, proposal_like: bool, in_context: bool, listed: str | None, strong: bool
) -> list[str]:
    """Categories of the difficulties one clause states (empty: it states none);
    ``strong``: the clause carries a strong cue."""
    folded, lower = clause.folded, clause.lower
    # Cheap gate first: every path below needs a cue, a list opened before, or "phát sinh".
    if not (
        listed
        or strong
        or (in_context and lx.WEAK_CUES.any(folded, lower))
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
            if _SPECIFIC_CUES.any(rest, lower) and not any_phrase(rest, _SOLVING):
                return _categories(rest, lower)
    if proposal_like:
        # In a petition ("Cử tri kiến nghị: còn nhiều bất cập trong...") a listed item that
        # states a problem, rather than asks for something, is a difficulty.
        if listed and lx.STRONG_CUES.any(folded, lower) and not _ASKING.match(opening):
            return _categories(folded, lower)
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
        return _enumerated(rest, lower)
    if listed == "difficulties" and not any_phrase(folded, _SOLVING):
        return _categories(folded, lower, listed=True)  # "hạn chế, đó là: A; B": no cue needed
    if _is_difficulty(folded, lower, in_context):
        return _categories(folded, lower)
    return []


def _is_difficulty(folded: str, lower: str | None, in_context: bool) -> bool:
    if any_phrase(folded, _SOLVING):
        return False
    strong = lx.STRONG_CUES.any(folded, lower)
    weak = lx.WEAK_CUES.any(folded, lower)
    if not strong and not (weak and in_context):
        return False
    if not strong and lx.POSITIVE_MARKERS.any(folded, lower):
        return False
    return len(folded.split()) >= 3


@dataclass(frozen=True, slots=True)
class Candidate:
    """One clause of a document with what the rules know about it: the learned model
    scores every candidate, the rules alone keep those with ``rule_categories``."""

    clause: Span
    commune: tuple[str, str | None] | None  # (as written, code) of the commune it is about
    rule_categories: tuple[str, ...]
    flags: frozenset[str]  # strong, context, proposal, listed, petition, heading


def candidates(
    text: str, communes: list[tuple[int, str, str | None, str | None]], mentions: list[Mention]
) -> list[Candidate]:
    """Every clause of the document, in order, with the rules' reading of it
    (``communes``: the visit places from ``find_places``; ``mentions``: every place
    mention, from ``place_mentions``)."""
    by_key = {place_key(w): (w, c) for _, w, c, _ in communes}
    named = sorted((pos, place_key(trim_name(name))) for pos, name, _ in mentions)
    # A visit to one commune: what it raises is that commune's unless a passage says else.
    only = next(iter(by_key.values())) if len({c for _, _, c, _ in communes}) == 1 else None
    out: list[Candidate] = []
    section = False  # under a heading such as "I. Khó khăn, vướng mắc"
    for para, para_sentences in segmented(text):
        heading = is_heading(text, para)
        para_headed = lx.DIFFICULTY_HEADERS.any(para.folded, para.lower)
        if heading:  # still read: a heading can state a difficulty
            section = para_headed
        para_context = section or para_headed
        para_commune = _issue_commune(named, para, by_key) or only
        for sent in para_sentences:
            sent_folded = sent.folded
            proposal_like = bool(PROPOSAL_HEAD.search(sent.text[:80]))
            if not proposal_like:
                lead_free = _LEAD.sub("", sent_folded)
                proposal_like = bool(
                    _DIRECTIVE.match(lead_free.split(" ", 1)[0] + " ")
                    and _DIRECTIVE.match(lead_free)
                )
            in_context = para_context or lx.DIFFICULTY_HEADERS.any(sent_folded, sent.lower)
            commune = _issue_commune(named, sent, by_key) or para_commune
            listed: str | None = None  # "hạn chế, đó là:" / "cử tri kiến nghị:" opened a list
            for clause in clauses(text, sent):
                strong = lx.STRONG_CUES.any(clause.folded, clause.lower)
                found = _classify(clause, proposal_like, in_context, listed, strong)
                flags = {
                    name
                    for name, on in (
                        ("strong", strong),
                        ("context", in_context),
                        ("proposal", proposal_like),
                        ("listed", listed == "difficulties"),
                        ("petition", listed == "petition"),
                        ("heading", heading),
                    )
                    if on
                }
                if text[clause.end : clause.end + 3].lstrip(' ."”').startswith(":"):
                    if lx.DIFFICULTY_HEADERS.any(clause.folded, clause.lower):
                        listed = "difficulties"
                    elif PROPOSAL_HEAD.search(clause.text):
                        listed = "petition"
                out.append(
                    Candidate(
                        clause=clause,
                        commune=commune,
                        rule_categories=tuple(dict.fromkeys(found)),
                        flags=frozenset(flags),
                    )
                )
    return out


def issue_of(
    text: str, cand: Candidate, category: str, confidence: float, reasons=()
) -> DraftIssue:  # noqa: ANN001
    a, b = _quote_span(cand.clause.text)  # the evidence: the clause without its lead-in
    start, end = cand.clause.start + a, cand.clause.start + b
    if end - start > MAX_QUOTE:
        start, end = _narrow(text, start, end, category)
    return DraftIssue(
        category=category,
        commune=cand.commune[0] if cand.commune else None,
        commune_code=cand.commune[1] if cand.commune else None,
        evidence=text[start:end],
        confidence=confidence,
        start=start,
        end=end,
        reasons=tuple(reasons),
    )


def model_issues(
    text: str, cands: list[Candidate], model: CategoryModel, language: str
) -> list[DraftIssue]:
    """Rules and learned model together: each clause keeps the rules' categories, and the
    model adds the categories it finds in clauses its detector calls difficulties. Every
    issue carries its reasons: the rule that fired, the model's probabilities and its
    strongest features."""
    out = []
    for cand in cands:
        clause = cand.clause
        lexicon = lexicon_categories(clause.folded, clause.lower)
        if not worth_scoring(cand.rule_categories, cand.flags, lexicon):
            continue  # no cue, no list, no category term: nothing for rules or model
        feats = clause_features(
            clause.lower, clause.folded, cand.rule_categories, cand.flags, language, lexicon
        )
        p, picked = model.categories(feats)
        found = dict(picked)
        for cat in dict.fromkeys([*cand.rule_categories, *found]):
            reasons = [f"rule: {cat}"] if cat in cand.rule_categories else []
            if cat in found:
                reasons.append(f"model: difficulty {p:.2f}, category {found[cat]:.2f}")
                reasons += model.explain(feats, cat)
            confidence = round(p * found[cat], 3) if cat in found else round(max(p, 0.5), 3)
            out.append(issue_of(text, cand, cat, confidence, reasons))
    return out


MAX_QUOTE = 250
_SEGMENT_END = re.compile(r"[,;]\s+|\s[-–—]\s")


def _narrow(text: str, start: int, end: int, category: str) -> tuple[int, int]:
    """A quote over MAX_QUOTE characters narrowed to the comma-separated segments around the
    first term of its category (or its first difficulty cue): still a verbatim slice."""
    cuts = [start] + [m.end() for m in _SEGMENT_END.finditer(text, start, end)] + [end]
    segments = [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if b > a]
    if len(segments) < 2:
        return start, end
    terms = lx.CATEGORY_TERMS.get(category)
    anchor = None
    for i, (a, b) in enumerate(segments):
        piece = text[a:b]
        folded, lower = fold(piece), piece.lower()
        if (terms and terms.any(folded, lower)) or (
            anchor is None and lx.STRONG_CUES.any(folded, lower)
        ):
            anchor = i
            if terms and terms.any(folded, lower):
                break
    if anchor is None:
        return start, end
    lo = hi = anchor
    while True:  # grow to the neighbour segments while the quote stays short
        grown = False
        if hi + 1 < len(segments) and segments[hi + 1][1] - segments[lo][0] <= MAX_QUOTE:
            hi, grown = hi + 1, True
        if lo > 0 and segments[hi][1] - segments[lo - 1][0] <= MAX_QUOTE:
            lo, grown = lo - 1, True
        if not grown:
            break
    a, b = segments[lo][0], segments[hi][1]
    while b > a and text[b - 1] in " ,;-–—":
        b -= 1
    return a, b


def find_issues(
    text: str, communes: list[tuple[int, str, str | None, str | None]], mentions: list[Mention]
) -> list[DraftIssue]:
    """The rules alone: every clause that states a difficulty, once per group, with the
    commune that raised it."""
    out = []
    for cand in candidates(text, communes, mentions):
        confidence = 0.8 if "strong" in cand.flags else 0.5
        for cat in cand.rule_categories:
            out.append(issue_of(text, cand, cat, confidence, (f"rule: {cat}",)))
    return out


# Openings that are not part of the difficulty: connectives and "According to X," leads.
_QUOTE_LEAD = re.compile(
    r"^(?:(?:Tuy nhiên|Bên cạnh đó|Ngoài ra|Cùng với đó|Cụ thể|Đồng thời|Mặt khác|Hiện nay|"
    r"However|In addition|Besides|Meanwhile|Also|Specifically)\s*,\s*|"
    r"(?:Theo|According to)\s[^,]{3,80},\s*|(?:[Qq]ua|[Ss]au khi)\s[^,]{3,40}cho thấy,?\s*|"
    # an outlet's dateline: "TPO - ", "(BL-KP) ", "(Chinhphu.vn) - "
    r"(?-i:[A-ZĐ]{2,8}\s*[-–—]\s*|\(?[A-ZĐ][\w.-]{1,28}\)\s*(?:[-–—]\s*)?)(?=\w)|"
    # who says it: "… các đại biểu phản ánh", "the chairman said that"
    r"(?:[^,.;:]{3,60},\s*)?[^,.;:]{3,90}?\b(?:phản ánh|cho biết|chia sẻ|nêu rõ|thông tin|nhấn mạnh|thừa nhận|"
    r"said|noted|reported|stated|admitted|pointed out)(?:\s+(?:rằng|là|that))?\s*[,:]?\s+)+",
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


MAX_PROPOSAL_CATEGORIES = 3


def topic_categories(text: str) -> list[str]:
    """Categories of the difficulty terms a text names, in order of first mention: a
    proposal's subject ("bổ sung kinh phí mua sắm trang thiết bị" names finance and
    facilities). Staff capacity and welfare need staff named, as in an issue."""
    folded, lower = fold(text), text.lower()
    cats: list[str] = []
    for m in _ALL_TERMS.finditer(folded, lower):
        cats += [c for c in _TERM_CATS[m.group(0)] if c not in cats]
    return _staff_check(cats, folded, lower)


def link_proposals(text: str, proposals: list[DraftProposal], issues: list[DraftIssue]) -> None:
    """Each proposal's categories, for the reviewer to confirm: the difficulties it names
    itself; when it names none ("đề nghị tỉnh sớm có hướng dẫn tháo gỡ"), those of the
    issues stated in its paragraph, which usually states the difficulty and then asks."""
    for proposal in proposals:
        cats = topic_categories(proposal.text)
        if not cats:
            start = text.rfind("\n", 0, proposal.start) + 1
            end = text.find("\n", proposal.end)
            end = len(text) if end < 0 else end
            for issue in issues:
                if start <= issue.start < end and issue.category not in cats:
                    cats.append(issue.category)
        proposal.category_ids = tuple(cats[:MAX_PROPOSAL_CATEGORIES])
