"""Category and cue coverage on sentences written for these tests (not taken from any
article): each states one difficulty the way commune reports and the English-language press
put it, or states the absence of one. They guard the lexicon against regressions and show
what the rules are meant to read."""

from __future__ import annotations

import pytest

from vuongmac.extract import detect_language, extract

VIETNAMESE = {
    "it_infrastructure": ["máy tính đã cũ, cấu hình thấp", "sóng điện thoại chập chờn",
                          "thiếu máy scan, máy in"],
    "software_data_signature": ["phần mềm một cửa thường xuyên bị lỗi",
                                "việc cấp chữ ký số còn chậm",
                                "dữ liệu đất đai chưa được số hóa"],
    "staffing_shortage_surplus": ["còn thiếu công chức địa chính",
                                  "số cán bộ dôi dư sau sắp xếp còn nhiều",
                                  "biên chế được giao chưa đủ",
                                  "khối lượng công việc tăng, công chức quá tải",
                                  "nhiều xã chưa có kế toán trưởng"],
    "staff_capacity": ["một bộ phận cán bộ còn lúng túng khi thực hiện nhiệm vụ mới",
                       "kỹ năng số của công chức còn hạn chế"],
    "facilities_equipment": ["trụ sở làm việc chật hẹp, xuống cấp",
                             "thiếu phòng làm việc cho các bộ phận",
                             "trang thiết bị chưa đáp ứng"],
    "finance_budget": ["kinh phí hoạt động còn thiếu", "nguồn thu ngân sách xã hạn hẹp",
                       "tiến độ giải ngân vốn đầu tư công chậm"],
    "legal_guidance": ["văn bản hướng dẫn của cấp trên còn chậm",
                       "một số quy định còn chồng chéo", "chưa rõ thẩm quyền giải quyết"],
    "organization_coordination": ["công tác phối hợp giữa các phòng chưa chặt chẽ",
                                  "việc phân công nhiệm vụ còn chồng chéo"],
    "transport_infrastructure": ["đường liên xã xuống cấp", "địa bàn rộng, đi lại khó khăn",
                                 "cầu treo hư hỏng"],
    "disaster_resettlement": ["sạt lở đất đe dọa nhiều hộ dân", "lũ quét làm chia cắt các thôn",
                              "chưa có quỹ đất tái định cư"],
    "economy_production": ["sản xuất còn nhỏ lẻ", "thu nhập của người dân còn thấp",
                           "hợp tác xã hoạt động kém hiệu quả"],
    "public_service_delivery": ["hồ sơ thủ tục hành chính giải quyết trễ hạn",
                                "người dân đi lại làm thủ tục còn bất tiện",
                                "dịch vụ công trực tuyến chưa thông suốt"],
    "staff_welfare_policy": ["phụ cấp cho cán bộ còn thấp",
                             "chế độ đối với cán bộ nghỉ việc chậm giải quyết",
                             "chưa có nhà công vụ cho cán bộ",
                             "quãng đường từ nhà cán bộ đến cơ quan mới quá xa"],
}  # fmt: skip

ENGLISH = {
    "it_infrastructure": ["the internet connection is unstable", "computers are outdated",
                          "IT infrastructure is weak", "there is a lack of scanners",
                          "poor network coverage"],
    "software_data_signature": ["the software is not integrated",
                                "digital signatures are issued slowly",
                                "data is not synchronized",
                                "accounts on the system are lacking"],
    "staffing_shortage_surplus": ["there is a shortage of specialized civil servants",
                                  "the commune lacks staff for land administration",
                                  "there is a surplus of cadres after the merger",
                                  "the commune is understaffed",
                                  "the workload is heavy and manpower is stretched thin"],
    "staff_capacity": ["the qualifications of commune officials are limited",
                       "officials lack experience with the new tasks",
                       "digital skills of staff are weak",
                       "many officers still lack adequate expertise"],
    "facilities_equipment": ["the headquarters is cramped", "working offices are degraded",
                             "equipment is insufficient",
                             "offices are scattered across several locations"],
    "finance_budget": ["funding is insufficient", "the budget for operations is limited",
                       "disbursement of public investment capital is slow",
                       "revenue sources are limited"],
    "legal_guidance": ["guidance documents from the central government are slow",
                       "regulations overlap", "there are no instructions on authority",
                       "legal documents are unclear"],
    "organization_coordination": ["coordination between agencies is not close",
                                  "the assignment of tasks is unclear"],
    "transport_infrastructure": ["roads are degraded", "traffic is difficult in the rainy season",
                                 "bridges are damaged",
                                 "the flood damaged the provincial road"],
    "disaster_resettlement": ["landslides threaten households", "flooding isolates villages",
                              "resettlement areas are lacking",
                              "heavy rains caused damage to many houses"],
    "economy_production": ["production is small-scale", "cooperatives are weak",
                           "income of residents is low"],
    "public_service_delivery": ["administrative procedures are delayed",
                                "records are processed late",
                                "people find it inconvenient to access public services"],
    "staff_welfare_policy": ["allowances for cadres are low", "salaries are low",
                             "public housing for staff is lacking",
                             "policies for redundant staff are unclear"],
}  # fmt: skip

NO_DIFFICULTY = [
    "Trụ sở làm việc khang trang, trang thiết bị đầy đủ.",
    "Đường truyền ổn định, phần mềm vận hành thông suốt.",
    "Xã đã bố trí đủ cán bộ cho các phòng chuyên môn.",
    "Các thủ tục hành chính được giải quyết đúng hạn, không có hồ sơ trễ hạn.",
    "Tỉnh đã cấp đủ chữ ký số cho cán bộ xã.",
    "Xã đã hoàn thành giải ngân 100% vốn đầu tư công.",
    "Đoàn yêu cầu xã tiếp tục nâng cao chất lượng phục vụ người dân.",
    "Đồng chí đề nghị xã tập trung khắc phục khó khăn, hoàn thành nhiệm vụ.",
    "Kinh tế xã tăng trưởng khá, thu nhập người dân được nâng lên.",
    "The headquarters is spacious and the equipment is fully provided.",
    "The internet connection is stable and the software operates smoothly.",
    "All administrative records were processed on time; there were no overdue records.",
    "The chairman asked the commune to continue improving service quality.",
    "The province has provided enough digital signatures for commune staff.",
    "The commune completed 100 percent of its disbursement plan.",
    "So far, the commune has received 300 applications online.",
    "The Department of Party Building attended the meeting.",
]


def _cases(table: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(category, phrase) for category, phrases in table.items() for phrase in phrases]


@pytest.mark.parametrize(("category", "phrase"), _cases(VIETNAMESE))
def test_vietnamese_difficulty(category: str, phrase: str) -> None:
    draft = extract(f"Đoàn công tác làm việc với xã. Tuy nhiên, {phrase}.")
    assert category in {i.category for i in draft.issues}


@pytest.mark.parametrize(("category", "phrase"), _cases(ENGLISH))
def test_english_difficulty(category: str, phrase: str) -> None:
    draft = extract(f"The delegation worked with the commune. However, {phrase}.")
    assert category in {i.category for i in draft.issues}


@pytest.mark.parametrize("sentence", NO_DIFFICULTY)
def test_no_difficulty_stated(sentence: str) -> None:
    vietnamese = detect_language(sentence) == "vi"
    lead = "Đoàn công tác làm việc với xã. " if vietnamese else "The delegation met the commune. "
    draft = extract(lead + sentence)
    assert draft.issues == []


def test_every_item_of_an_english_difficulty_list_counts() -> None:
    draft = extract(
        "The delegation worked with the commune. The commune faces difficulties in "
        "arranging offices, handing over the budget and training staff."
    )
    assert {"facilities_equipment", "finance_budget"} <= {i.category for i in draft.issues}
