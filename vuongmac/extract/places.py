"""Places: commune mentions resolved through the gazetteer, and the document's province."""

from __future__ import annotations

import re

from vuongmac.extract.text import fold_span
from vuongmac.geo.gazetteer import Gazetteer, Resolution, Status
from vuongmac.text import UPPER, fold

_NAME = r"[" + UPPER + r"][\w'’-]*(?:[ \t]+(?:[" + UPPER + r"0-9][\w'’-]*|\d+))*"
# Ward names joined by a dash ("Văn Miếu - Quốc Tử Giám", "Lâm Viên - Đà Lạt") or numbered
# ("Phường 2 Bảo Lộc", old "Phường 7").
VI_SINGLE = re.compile(
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
EN_UNIT_WORD = re.compile(r"\s+(?:[Cc]ommune|[Ww]ard|[Ss]pecial [Zz]one)s?\b")
_EN_NAME_BEFORE = re.compile(r"(?<![\w])((?:\d{1,2}[ \t]+)?" + _NAME + r")$")
_EN_LIST = re.compile(
    r"\b(?:communes?|wards?)(?:\s+and\s+(?:communes|wards))?(?:[^.;:]{0,120}?,\s*"
    r"(?:namely|including|such as|i\.e\.))?\s*:?\s+(?:of\s+)?("
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


def place_mentions(text: str) -> list[Mention]:
    """(offset, name, unit word) of each commune-level mention; the unit word ("xã",
    "phường") tells a 2025 commune from a same-named old district ("xã Quản Bạ")."""
    found: list[tuple[int, str, str | None]] = []
    for m in _VI_LIST.finditer(text):
        unit = _LIST_UNIT.search(m.group(0))
        for name in _split_names(m.group(1)):
            found.append((m.start(1), name, unit.group(0).lower() if unit else None))
    for m in VI_SINGLE.finditer(text):
        tail = text[m.end(2) : m.end(2) + 6].lower()
        if "cũ" in tail or "(cũ" in tail:
            continue
        found.append((m.start(2), m.group(2), m.group(1).lower()))
    # English patterns run on Vietnamese text too: names in English order do occur there.
    for m in _EN_LIST.finditer(text):
        for name in _split_names(m.group(1)):
            found.append((m.start(1), name, None))
    for u in EN_UNIT_WORD.finditer(text):
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


_EN_LEAD_WORDS = re.compile(r"^(?:(?:In|At|For|From|Of|And|Both|The|With|By)\s+)+")


def trim_name(name: str) -> str:
    """Drop words that are not part of a place name: trailing ones ('Con Cuông Nguyễn' ->
    no) and, in English, a sentence's capitalised opening word ('In Vinh Hau commune')."""
    name = _EN_LEAD_WORDS.sub("", name)
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
NATIONAL_SESSION = re.compile(
    r"\bquoc hoi (?:\w+ ){0,3}(?:thao luan|chat van)|\bnational assembly (?:\w+ ){0,3}"
    r"(?:discuss|debat|question)"
)


Mention = tuple[int, str, str | None]  # offset, name as written, unit word

# A central body holds the meeting with "the localities": a national occasion.
_CENTRAL_LEAD = re.compile(
    r"\b(?:(?:bo|thu tuong|chinh phu|quoc hoi|uy ban thuong vu quoc hoi|van phong chinh phu)"
    r"\b[^.]{0,80}\b(?:voi|cung) (?:cac|63|34) (?:dia phuong|tinh|bo, nganh)|"
    r"(?:ministry|prime minister|government|national assembly)\b[^.]{0,80}\bwith "
    r"(?:the )?(?:localities|provinces|34 provinces|ministries))"
)


def visit_scope(
    gaz: Gazetteer,
    text: str,
    province: str | None,
    communes: list[tuple[int, str, str | None, str | None]],
) -> str:
    """commune / province / national / unknown: national for a National Assembly debate, a
    central body meeting the localities, or three provinces or more named with none ahead."""
    head = fold_span(text, 0, 3000)
    if NATIONAL_SESSION.search(head[:1500]) or (province is None and _CENTRAL_LEAD.search(head)):
        return "national"
    if communes:
        return "commune"
    if province:
        return "province"
    if len(_province_votes(text, gaz)) >= 3:
        return "national"
    return "unknown"


def find_places(
    gaz: Gazetteer, text: str, url: str | None, mentions: list[Mention]
) -> tuple[str | None, list[tuple[int, str, str | None, str | None]]]:
    """The 2025 province and the communes the text names, as (offset, as written, code,
    name); province from a weighted vote of names, unambiguous communes and the URL host."""
    votes = _province_votes(text, gaz)
    url_province = _province_from_url(url, gaz)
    commune_votes: dict[str, int] = {}
    unique: dict[str, str] = {}
    for _, name, unit in mentions:
        name = trim_name(name)
        if fold(name) in _STOP_NAMES or len(name) < 2:
            continue
        r = gaz.resolve(f"{unit} {name}" if unit else name)
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
    if NATIONAL_SESSION.search(fold_span(text, 0, 1500)):
        province = None  # a deputy's province is not the place of a National Assembly debate
    elif ranked and (len(ranked) == 1 or ranked[0] > ranked[1]):
        province = max(scores, key=lambda c: (scores[c], c))
    else:
        province = None  # several provinces named equally (a national meeting): no guess

    communes: list[tuple[int, str, str | None, str | None]] = []
    seen: set[tuple[str, str]] = set()
    districts = list(dict.fromkeys(m.group(0) for m in _OLD_DISTRICT.finditer(text[:20000])))
    for pos, name, unit in sorted(mentions, key=lambda m: m[0]):
        name = trim_name(name)
        if fold(name) in _STOP_NAMES or len(name) < 2:
            continue
        if _COMPOSITION.search(fold_span(text, max(0, pos - 120), pos)):
            continue  # "trên cơ sở nhập xã A, phường B": the old units a ward was made of
        r = _resolve_commune(gaz, name, unit, province)
        if r.status is not Status.RESOLVED and re.search(r"\s[-–]\s", name):
            name = re.split(r"\s[-–]\s", name)[0]  # "Con Cuông - Nghệ An": the name, a place
            r = _resolve_commune(gaz, name, unit, province)
        if r.status is Status.AMBIGUOUS and districts:
            r = _in_district(gaz, name, districts, province) or r
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


def _resolve_commune(
    gaz: Gazetteer, name: str, unit: str | None, province: str | None
) -> Resolution:
    """With its unit word first ("xã Quản Bạ" is the 2025 commune, not the old district);
    without it when that finds nothing (a "xã" that became a "phường")."""
    if unit:
        r = gaz.resolve(f"{unit} {name}", province)
        if r.status is not Status.NOT_FOUND:
            return r
    r = gaz.resolve(name, province)
    words = name.split()
    while r.status is Status.NOT_FOUND and len(words) > 2 and name.isascii():
        # English titles capitalise words before the name: "With Nam Ban Lam Ha Commune"
        words = words[1:]
        r = gaz.resolve(" ".join(words), province)
    return r


def _in_district(
    gaz: Gazetteer, name: str, districts: list[str], province: str | None
) -> Resolution | None:
    """An ambiguous ward name ("phường Quang Trung") read in each old district the
    document names ("thị xã Sơn Tây"): kept when exactly one district places it."""
    found = {}
    for district in districts:
        r = gaz.resolve(f"{name}, {district}", province)
        if r.status is Status.RESOLVED and len(r.commune_codes) == 1:
            found[r.commune_codes[0]] = r
    return next(iter(found.values())) if len(found) == 1 else None
