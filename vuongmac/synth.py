"""A synthetic nationwide curated dataset, for benchmarks and demos only.

``python -m vuongmac synth --issues 1000000 --out DIR [--seed N]`` writes ``DIR/curated/*.csv``
in exactly the layout of ``data/curated/`` plus a ``DIR/SYNTHETIC`` marker: the app then shows
a permanent "Dữ liệu mô phỏng" banner, and every text field says "[Mô phỏng]". Deterministic
for a given seed (numpy's PCG64), vectorised (a million issues in seconds).

Shape: about one visit per four issues over 2025-07-01 → 2026-12-31 with weekly seasonality
(few visits at weekends) and a slow rise; provinces and communes with skewed (Zipf-like and
log-normal) activity, about 8% of communes never visited; 1–4 communes per visit within one
province; categories skewed nationally and tilted per province; a third of issues attributed
to one commune of the visit; about 0.6 proposals per visit with agencies and statuses.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from vuongmac.codebook import load_codebook
from vuongmac.curated import CURATED_BY_NAME
from vuongmac.geo.admin import load_communes

START, END = dt.date(2025, 7, 1), dt.date(2026, 12, 31)
MARK = "[Mô phỏng]"
AGENCIES = (
    "Sở Tài chính", "Sở Nội vụ", "Sở Xây dựng", "Sở Khoa học và Công nghệ",
    "Sở Nông nghiệp và Môi trường", "Sở Văn hoá, Thể thao và Du lịch", "Sở Giáo dục và Đào tạo",
    "Sở Y tế", "Sở Tư pháp", "Văn phòng UBND tỉnh", "Ban Tổ chức Tỉnh ủy", "Công an tỉnh",
    "Sở Công Thương", "Trung tâm Phục vụ hành chính công tỉnh", "Viettel tỉnh", "VNPT tỉnh",
)  # fmt: skip
STATUSES = ("proposed", "assigned", "in_progress", "resolved", "declined")
STATUS_P = (0.25, 0.35, 0.17, 0.18, 0.05)
TITLES = ("Bí thư Tỉnh ủy", "Phó Bí thư Tỉnh ủy", "Chủ tịch UBND tỉnh", "Phó Chủ tịch UBND tỉnh",
          "Trưởng Ban Tổ chức Tỉnh ủy", "Giám đốc Sở Nội vụ", "Tổ trưởng Tổ công tác")  # fmt: skip
SURNAMES = ("Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ")
GIVEN = ("Văn An", "Thị Bình", "Minh Châu", "Quốc Dũng", "Thu Hà", "Đức Hải", "Thanh Hương",
         "Văn Khoa", "Ngọc Lan", "Hữu Nam", "Thị Oanh", "Công Phúc")  # fmt: skip
PUBLISHERS = ("Báo tỉnh", "Cổng thông tin điện tử tỉnh", "Đài Phát thanh - Truyền hình tỉnh",
              "Báo Nhân Dân", "Báo điện tử Chính phủ", "Thông tấn xã Việt Nam")  # fmt: skip


@dataclass(frozen=True, slots=True)
class SynthReport:
    out: Path
    visits: int
    issues: int
    proposals: int
    sources: int
    communes_visited: int


def _zipf(n: int, s: float, rng: np.random.Generator) -> np.ndarray:
    weights = 1.0 / np.arange(1, n + 1) ** s
    return rng.permutation(weights) / weights.sum()


def _pick(
    rng: np.random.Generator, options: tuple[str, ...] | np.ndarray, size: int, p=None
) -> np.ndarray:  # noqa: ANN001
    return np.asarray(options, dtype=object)[rng.choice(len(options), size=size, p=p)]


def generate(n_issues: int, out: Path, seed: int = 2025, end: dt.date = END) -> SynthReport:
    """``end``: the last visit date (tests that need "this quarter" to hold data pass a date
    after today)."""
    if n_issues < 1:
        raise ValueError("--issues must be at least 1")
    if end <= START:
        raise ValueError(f"the last date must be after {START.isoformat()}")
    rng = np.random.default_rng(seed)
    communes = load_communes()[["commune_code", "commune_name", "province_code"]].reset_index(
        drop=True
    )
    provinces = sorted(communes["province_code"].unique())
    n_visits = max(1, round(n_issues / 4))

    # Activity: skewed provinces, log-normal communes, ~8% of communes never visited.
    province_w = dict(zip(provinces, _zipf(len(provinces), 0.8, rng), strict=True))
    commune_w = rng.lognormal(0.0, 1.0, len(communes)) * (rng.random(len(communes)) > 0.08)
    commune_w *= communes["province_code"].map(province_w).to_numpy()
    commune_w /= commune_w.sum()

    # Dates: weekday seasonality and a slow rise through the period.
    days = pd.date_range(START, end, freq="D")
    weekday = np.array([1.2, 1.2, 1.1, 1.1, 1.0, 0.3, 0.15])[days.day_of_week]
    trend = 0.7 + 0.6 * np.arange(len(days)) / len(days)
    day_p = weekday * trend / (weekday * trend).sum()
    visit_dates = days[rng.choice(len(days), size=n_visits, p=day_p)].sort_values()

    first = rng.choice(len(communes), size=n_visits, p=commune_w)
    visit_province = communes["province_code"].to_numpy()[first]
    extra = rng.choice(4, size=n_visits, p=(0.6, 0.25, 0.1, 0.05))
    vc_visit = [np.arange(n_visits)]
    vc_commune = [first]
    codes_by_province = {
        p: np.flatnonzero(communes["province_code"].to_numpy() == p) for p in provinces
    }
    for p in provinces:
        members = codes_by_province[p]
        w = commune_w[members] + 1e-12
        w /= w.sum()
        for k in (1, 2, 3):
            idx = np.flatnonzero((visit_province == p) & (extra >= k))
            if len(idx):
                vc_visit.append(idx)
                vc_commune.append(members[rng.choice(len(members), size=len(idx), p=w)])
    visit_communes = pd.DataFrame(
        {"visit": np.concatenate(vc_visit), "commune": np.concatenate(vc_commune)}
    ).drop_duplicates()
    visit_communes = visit_communes.sort_values(["visit", "commune"], kind="stable")

    visit_ids = np.char.add("v-syn-", np.char.zfill(np.arange(1, n_visits + 1).astype(str), 7))
    source_ids = np.char.add("s-syn-", np.char.zfill(np.arange(1, n_visits + 1).astype(str), 7))

    # Issues: exact total, skewed per visit; categories skewed nationally, tilted by province.
    per_visit = rng.multinomial(n_issues, rng.dirichlet(np.full(n_visits, 3.0)))
    issue_visit = np.repeat(np.arange(n_visits), per_visit)
    cats = [c.category_id for c in load_codebook()]
    national = _zipf(len(cats), 1.0, rng)
    issue_cat = np.empty(n_issues, dtype=object)
    issue_prov = visit_province[issue_visit]
    for p in provinces:
        idx = np.flatnonzero(issue_prov == p)
        if len(idx):
            issue_cat[idx] = _pick(rng, tuple(cats), len(idx), rng.dirichlet(national * 40 + 0.05))
    # A third attributed to one commune of the visit (its first commune, kept simple).
    attributed = rng.random(n_issues) < 0.33
    first_code = communes["commune_code"].to_numpy()[first]
    issue_commune = np.where(attributed, first_code[issue_visit], "")
    examples = {c.category_id: (c.examples or (c.label_vi.lower(),)) for c in load_codebook()}
    phrase = np.array(
        [examples[c][i % len(examples[c])] for i, c in enumerate(issue_cat)], dtype=object
    )
    commune_names = communes["commune_name"].to_numpy()[first][issue_visit]
    # numbered, so no two generated issues share a quote (one quote is one issue)
    evidence = (
        MARK + " " + phrase + " tại " + commune_names + " còn khó khăn (ý "
        + np.arange(1, n_issues + 1).astype(str).astype(object) + ")"
    )  # fmt: skip

    # Proposals: ~0.6 per visit.
    n_prop = rng.binomial(2, 0.3, n_visits)
    prop_visit = np.repeat(np.arange(n_visits), n_prop)
    status = _pick(rng, STATUSES, len(prop_visit), STATUS_P)
    agency = np.where(
        status == "proposed",
        "",
        _pick(rng, AGENCIES, len(prop_visit), _zipf(len(AGENCIES), 1.1, rng)),
    )
    due = pd.Series(
        visit_dates[prop_visit] + pd.to_timedelta(rng.integers(30, 150, len(prop_visit)), unit="D")
    )
    due_text = np.where(
        np.isin(status, ("assigned", "in_progress", "resolved")), due.dt.strftime("%Y-%m-%d"), ""
    )
    prop_cat = _pick(rng, tuple(cats), len(prop_visit), national)
    prop_text = (
        MARK + " Đề xuất hỗ trợ " + np.array([examples[c][0] for c in prop_cat], dtype=object)
        + " (đề xuất " + np.arange(1, len(prop_visit) + 1).astype(str).astype(object) + ")"
    )  # fmt: skip

    date_text = pd.Series(visit_dates).dt.strftime("%Y-%m-%d").to_numpy()
    leads = _pick(rng, SURNAMES, n_visits) + " " + _pick(rng, GIVEN, n_visits)
    tables = {
        "sources": pd.DataFrame(
            {
                "source_id": source_ids,
                "title": MARK
                + " Đoàn công tác làm việc tại "
                + communes["commune_name"].to_numpy()[first],
                "url": "",
                "publisher": _pick(rng, PUBLISHERS, n_visits),
                "published_date": date_text,
                "language": "vi",
                "content_hash": [hashlib.sha256(s.encode()).hexdigest() for s in source_ids],
                "file": "",
                "review_status": "published",
            }
        ),
        "visits": pd.DataFrame(
            {
                "visit_id": visit_ids,
                "visit_date": date_text,
                "date_precision": "day",
                "province_code": visit_province,
                "lead_official": MARK + " " + leads,
                "lead_title": _pick(rng, TITLES, n_visits),
                "body": MARK + " Đoàn công tác của tỉnh",
                "evidence": MARK + " Đoàn công tác làm việc với các xã",
                "review_status": "published",
                "scope": "commune",
                "kind": "visit",
                "era": "",
            }
        ),
        "visit_sources": pd.DataFrame({"visit_id": visit_ids, "source_id": source_ids}),
        "visit_communes": pd.DataFrame(
            {
                "visit_id": visit_ids[visit_communes["visit"].to_numpy()],
                "commune_code": communes["commune_code"].to_numpy()[
                    visit_communes["commune"].to_numpy()
                ],
                "as_written": communes["commune_name"].to_numpy()[
                    visit_communes["commune"].to_numpy()
                ],
                "conversion": "current",
            }
        ),
        "issues": pd.DataFrame(
            {
                "issue_id": np.char.add(
                    "i-syn-", np.char.zfill(np.arange(1, n_issues + 1).astype(str), 8)
                ),
                "visit_id": visit_ids[issue_visit],
                "category_id": issue_cat,
                "commune_code": issue_commune,
                "evidence": evidence,
                "source_id": source_ids[issue_visit],
                "review_status": "published",
                "corroborates": "",
            }
        ),
        "proposals": pd.DataFrame(
            {
                "proposal_id": np.char.add(
                    "p-syn-", np.char.zfill(np.arange(1, len(prop_visit) + 1).astype(str), 7)
                ),
                "visit_id": visit_ids[prop_visit],
                "text": prop_text,
                "assigned_agency": agency,
                "status": status,
                "status_note": "",
                "due_date": due_text,
                "source_id": source_ids[prop_visit],
                "review_status": "published",
                # the difficulty each answers; every tenth is left for a reviewer to link
                "category_ids": np.where(np.arange(len(prop_visit)) % 10 == 9, "", prop_cat),
            }
        ),
    }
    tables["changes"] = pd.DataFrame(columns=list(CURATED_BY_NAME["changes"].columns))
    curated = out / "curated"
    curated.mkdir(parents=True, exist_ok=True)
    for name, frame in tables.items():
        spec = CURATED_BY_NAME[name]
        frame[list(spec.columns)].to_csv(curated / spec.filename, index=False, lineterminator="\n")
    (out / "sources").mkdir(exist_ok=True)
    (out / "SYNTHETIC").write_text(
        f"Synthetic dataset: seed {seed}, {n_issues} issues. For benchmarks and demos only.\n",
        encoding="utf-8",
    )
    return SynthReport(
        out=out,
        visits=n_visits,
        issues=n_issues,
        proposals=len(prop_visit),
        sources=n_visits,
        communes_visited=int(visit_communes["commune"].nunique()),
    )
