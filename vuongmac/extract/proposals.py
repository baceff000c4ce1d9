"""Proposals: requests to higher levels, one per listed item, and the agency assigned to
each (stated with the request, or by a later "Giao X chủ trì …")."""

from __future__ import annotations

import re

from vuongmac.agencies import addressee, canonical_agency, resolve_agency
from vuongmac.extract.model import DraftProposal
from vuongmac.extract.text import Span, is_heading, segmented
from vuongmac.text import UPPER, fold

PROPOSAL_HEAD = re.compile(
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


def find_proposals(text: str) -> list[DraftProposal]:
    """Requests made to higher levels, one per listed item, with the agency assigned."""
    out: list[DraftProposal] = []
    for para, para_sentences in segmented(text):
        if is_heading(text, para):
            continue  # "II. Kiến nghị của xã" names a section, not a request
        list_end = -1  # a proposal that announced a list runs to the paragraph's end
        for sent in para_sentences:
            if sent.start < list_end:
                continue
            if _respond(sent, out):
                continue  # "Giao Sở Tài chính chủ trì …" answers a proposal made before
            m = next(
                (
                    h
                    for h in PROPOSAL_HEAD.finditer(sent.text)
                    if not _NOUN_USE.match(sent.text, h.end())
                ),
                None,
            )  # "ghi nhận những khó khăn và đề xuất của thị xã, …": a noun, read on
            if not m or _DIRECTED_DOWN.match(sent.text, m.end()) or _by_leader(sent.text, m):
                continue  # no request, or a leader's instruction to the communes
            after = PROPOSAL_HEAD.sub("", sent.text[m.end() :]).strip(" ,;.")
            if after in ("", ":", "và", "and"):
                # "Cử tri xã A đề nghị:" opens the next line; a bare "đề xuất, kiến nghị"
                # at a sentence's end names the topic, not a request.
                opens = after == ":" or text[sent.end : sent.end + 2].lstrip().startswith(":")
                nxt = _NEXT_LINE.search(text, sent.end) if opens else None
                if nxt is None or PROPOSAL_HEAD.search(nxt.group(1)):
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
            out.extend(_one_per_request(text, start, start + len(span_text), agency))
    replier = _replier(text) if any(p.assigned_agency is None for p in out) else None
    for proposal in out:
        if proposal.assigned_agency is None and replier is not None:
            proposal.assigned_agency = replier  # a written reply: the petitions were sent to it
        named = addressee(proposal.text) if proposal.assigned_agency is None else None
        if named and not named.is_role:  # "đề nghị tỉnh …" names no agency
            proposal.assigned_agency = named.name_vi
        proposal.assigned_agency = canonical_agency(proposal.assigned_agency)
    return out


# A written reply names who received the petitions: "the Ministry of Home Affairs received a
# petition from voters", "Bộ Nội vụ nhận được kiến nghị của cử tri", "Trả lời kiến nghị của
# cử tri, Sở Tài chính cho biết".
_RECEIVED = re.compile(
    r"([A-ZĐ][\w'’ ,&-]{3,80}?)\s+(?:received|has received|nhận được|đã nhận được)\s+"
    r"(?:an?\s+|the\s+|các\s+|những\s+)?(?:petitions?|kiến nghị|đề nghị|ý kiến)\b"
)


def _replier(text: str) -> str | None:
    """The canonical agency a reply document says received the petitions (not a role)."""
    for m in _RECEIVED.finditer(text[:6000]):
        found = resolve_agency(m.group(1))
        if found is not None and not found.is_role:
            return found.name_vi
    return None


# A second request inside one sentence: "…, đồng thời đề nghị …", "…; kiến nghị …",
# "… and also requested …".
_SECOND_HEAD = re.compile(
    r"(?:[,;]\s*|\s)(?:(?:đồng thời|và|cũng|ngoài ra|bên cạnh đó|and|also)\s+)+"
    r"(?:kiến nghị|đề nghị|đề xuất|mong muốn|requested|proposed|asked|recommended|called for)\s+"
    r"|;\s*(?:kiến nghị|đề nghị|đề xuất)\s+",
    re.IGNORECASE,
)


def _one_per_request(text: str, start: int, end: int, agency: str | None) -> list[DraftProposal]:
    """Split a proposal span that holds several requests into one proposal each (pieces of
    three words or more; verbatim slices of the text)."""
    cuts = [(start, start)]
    for m in _SECOND_HEAD.finditer(text, start, end):
        cuts.append((m.start(), m.end()))
    pieces = []
    for (_, a), (b, _) in zip(cuts, [*cuts[1:], (end, end)], strict=True):
        while a < b and text[a] in " ,;:":
            a += 1
        while b > a and text[b - 1] in " ,;:.":
            b -= 1
        pieces.append((a, b))
    if len(pieces) > 1 and all(len(text[a:b].split()) >= 3 for a, b in pieces):
        return [DraftProposal(text[a:b], _agency(text[a:b]) or agency, a, b) for a, b in pieces]
    return [DraftProposal(text[start:end], agency, start, end)]


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
    head = PROPOSAL_HEAD.search(sent.text)
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
