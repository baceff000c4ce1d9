import json

from conftest import REPO

from vuongmac.codebook import category_ids, category_label, load_codebook

EXPECTED = {
    "it_infrastructure", "software_data_signature", "staffing_shortage_surplus",
    "staff_capacity", "facilities_equipment", "finance_budget", "legal_guidance",
    "organization_coordination", "transport_infrastructure", "disaster_resettlement",
    "economy_production", "public_service_delivery", "staff_welfare_policy", "other",
}  # fmt: skip


def test_codebook_has_the_14_categories_with_labels() -> None:
    cats = load_codebook()
    assert {c.category_id for c in cats} == EXPECTED
    assert len(cats) == 14
    for c in cats:
        assert c.label_vi and c.label_en and c.definition_vi and c.definition_en
    assert [c.sort_order for c in cats] == list(range(1, 15))


def test_gold_categories_are_all_in_the_codebook() -> None:
    used = set()
    for path in (REPO / "tests" / "fixtures" / "gold").glob("*.json"):
        used |= {i["category"] for i in json.loads(path.read_text(encoding="utf-8"))["issues"]}
    assert used <= set(category_ids())


def test_category_label_languages() -> None:
    assert category_label("finance_budget", "vi") == "Tài chính, ngân sách"
    assert category_label("finance_budget", "en") == "Finance and budget"
