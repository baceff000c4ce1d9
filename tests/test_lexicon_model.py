"""The lexicon as data (accented, confirmed on accented text) and the learned category model."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vuongmac.codebook import category_ids
from vuongmac.extract import Extractor, extract
from vuongmac.extract import lexicon as lx
from vuongmac.extract.catmodel import MODEL_PATH, CategoryModel, clause_features, load_model
from vuongmac.extract.learn import group_folds, publisher_group
from vuongmac.text import fold


def test_lexicon_files_are_per_language_and_name_codebook_categories() -> None:
    for lang in lx.LANGUAGES:
        raw = lx.load_raw(lang)
        assert raw["language"] == lang
        assert set(raw["categories"]) <= set(category_ids())
        for key, value in raw.items():
            if isinstance(value, list):
                assert all(isinstance(t, str) and t == t.strip() and t for t in value), key


def test_vietnamese_terms_are_written_with_diacritics() -> None:
    """A Vietnamese term typed without marks would match every word it folds to."""
    raw = lx.load_raw("vi")
    ascii_terms = [t for ts in raw["categories"].values() for t in ts if t.isascii()]
    # loan words and names only ("internet", "4g", "covid-19", "VNeID")
    assert set(ascii_terms) <= {"internet", "4g", "covid-19", "vneid"}, ascii_terms


def test_no_two_categories_collide_once_folded() -> None:
    assert lx.folded_collisions() == []


def test_collision_check_finds_a_planted_collision(monkeypatch) -> None:
    spellings = {k: list(v) for k, v in lx.CATEGORY_SPELLINGS.items()}
    spellings["staff_welfare_policy"].append("lương")
    spellings["staff_capacity"].append("lượng")
    monkeypatch.setattr(lx, "CATEGORY_SPELLINGS", spellings)
    found = {(c[0], frozenset({c[1], c[3]})) for c in lx.folded_collisions()}
    assert ("luong", frozenset({"staff_welfare_policy", "staff_capacity"})) in found


@pytest.mark.parametrize(
    ("term", "text", "hit"),
    [
        ("lương", "chất lượng đường truyền", False),
        ("lương", "tiền lương thấp", True),
        ("lương", "tien luong thap", True),  # typed without diacritics: folded fallback
        ("lỗi", "thuận lợi cho người dân", False),
        ("lỗi", "phần mềm hay bị lỗi", True),
        ("chậm", "chăm lo đời sống", False),
        ("data", "data is missing", True),
    ],
)
def test_terms_are_confirmed_on_the_accented_text(term: str, text: str, hit: bool) -> None:
    terms = lx.Terms([term])
    assert terms.any(fold(text), text.lower()) is hit


@pytest.mark.parametrize(
    ("text", "expected", "not_expected"),
    [
        (
            "Xã phản ánh chất lượng đường truyền còn chập chờn, thường xuyên gián đoạn.",
            "it_infrastructure",
            "staff_welfare_policy",
        ),
        (
            "Xã phản ánh số lượng hồ sơ tăng cao nhưng việc giải quyết thủ tục hành chính còn chậm.",
            "public_service_delivery",
            "staffing_shortage_surplus",
        ),
    ],
)
def test_accented_words_keep_their_meaning(text: str, expected: str, not_expected: str) -> None:
    cats = {i.category for i in extract(text).issues}
    assert expected in cats and not_expected not in cats


def test_committed_model_loads_offline_and_names_its_training() -> None:
    model = load_model()
    assert model is not None
    assert model.classes == category_ids()
    assert 0.0 < model.threshold < 1.0
    meta = model.meta
    assert meta["command"].startswith("python -m vuongmac train-model")
    assert len(meta["corpus_hash"]) == 16 and meta["documents"] >= 100
    assert MODEL_PATH.stat().st_size < 2_000_000


def test_model_round_trips_through_json(tmp_path) -> None:
    model = load_model()
    path = tmp_path / "m.json"
    model.save(path)
    again = CategoryModel.from_json(json.loads(path.read_text(encoding="utf-8")))
    feats = clause_features(
        "máy tính cũ, đường truyền yếu", "may tinh cu, duong truyen yeu", (), set(), "vi"
    )
    assert again.categories(feats) == model.categories(feats)


def test_model_file_of_another_feature_version_is_refused() -> None:
    data = load_model().to_json()
    data["feature_version"] = -1
    with pytest.raises(ValueError, match="retrain"):
        CategoryModel.from_json(data)


def test_issues_carry_their_reasons() -> None:
    draft = extract("Tuy nhiên, xã còn thiếu máy tính, đường truyền internet chập chờn.")
    assert draft.issues
    for issue in draft.issues:
        assert issue.reasons and all(isinstance(r, str) for r in issue.reasons)
    assert any(r.startswith(("rule:", "model:")) for i in draft.issues for r in i.reasons)


def test_model_finds_difficulties_the_rules_miss() -> None:
    """English difficulties without a cue word the rules know."""
    from vuongmac.geo.admin import default_gazetteer

    text = "Many commune offices have run out of space to store records since the merger."
    with_model = Extractor(default_gazetteer(), load_model())(text)
    rules_only = Extractor(default_gazetteer(), None)(text)
    assert {i.category for i in with_model.issues} >= {i.category for i in rules_only.issues}


def test_extraction_is_deterministic_across_runs() -> None:
    text = "Xã còn thiếu cán bộ công nghệ thông tin; trụ sở xuống cấp, thiếu kinh phí sửa chữa."
    first = extract(text).to_json()
    assert all(extract(text).to_json() == first for _ in range(3))


@pytest.mark.parametrize(
    ("url", "group"),
    [
        ("https://en.baogialai.com.vn/x", "baogialai.com.vn"),
        ("https://baogialai.com.vn/y", "baogialai.com.vn"),
        ("https://news.laodong.vn/a.html", "laodong.vn"),
        ("https://vjs.vietnam.vn/a", "vietnam.vn"),
        ("https://sonoivu.phutho.gov.vn/a", "phutho.gov.vn"),
        (None, "nourl:seed"),
    ],
)
def test_publisher_groups(url, group) -> None:  # noqa: ANN001
    assert publisher_group(url, "seed_001") == group


def test_group_folds_never_split_a_group() -> None:
    groups = ["a"] * 5 + ["b"] * 3 + ["c"] * 3 + ["d"] + ["e"] * 2
    folds = group_folds(groups, 3)
    assert sorted(i for f in folds for i in f) == list(range(len(groups)))
    for f in folds:
        for g in {groups[i] for i in f}:
            assert all(groups[i] != g for other in folds if other is not f for i in other)
    assert folds == group_folds(groups, 3)  # deterministic


@settings(deadline=None)
@given(
    st.text(
        alphabet="aăâbdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵĐẮ ,.;-_0123456789\u0301",
        max_size=80,
    )
)
def test_model_features_fold_the_words_the_slow_way_too(text: str) -> None:
    """The folded words are read off the folded clause; they must be the clause's words
    folded one by one (the features the model was trained on)."""
    from vuongmac.extract.catmodel import _WORD, clause_features
    from vuongmac.text import FOLD_TABLE, fold

    lower = text.lower()
    feats = clause_features(lower, fold(text), (), frozenset(), "vi")
    words = _WORD.findall(lower)
    expected = " ".join(words).translate(FOLD_TABLE).split()
    assert [f[2:] for f in feats if f.startswith("f:")] == list(dict.fromkeys(expected))
