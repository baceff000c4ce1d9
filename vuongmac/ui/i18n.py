"""UI strings in Vietnamese (default) and English."""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    "app_title": (
        "Vướng mắc — Bản đồ khó khăn chính quyền hai cấp",
        "Vướng mắc — difficulty map of two-tier local government",
    ),
    "app_short": ("Vướng mắc", "Vướng mắc"),
    "page_overview": ("Tổng quan", "Overview"),
    "page_issues": ("Vướng mắc", "Issues"),
    "page_codebook": ("Bảng mã", "Codebook"),
    "page_map": ("Bản đồ", "Map"),
    "map_level": ("Cấp hiển thị", "Level"),
    "level_commune": ("Xã, phường", "Communes"),
    "level_province": ("Tỉnh, thành phố", "Provinces"),
    "map_metric": ("Chỉ số", "Metric"),
    "metric_issue_count": ("Số vướng mắc", "Issues"),
    "metric_visit_count": ("Số đoàn công tác", "Visits"),
    "metric_issues_per_visit": ("Vướng mắc mỗi đoàn", "Issues per visit"),
    "metric_category_share": ("Tỷ lệ một nhóm vướng mắc", "Share of one category"),
    "metric_coverage": ("Độ phủ: xã chưa có đoàn làm việc", "Coverage: communes not visited"),
    "share_category": ("Nhóm để tính tỷ lệ", "Category for the share"),
    "per_visit": ("Vướng mắc/đoàn", "Issues/visit"),
    "share": ("Tỷ lệ nhóm", "Category share"),
    "visited": ("Đã có đoàn", "Visited"),
    "not_visited": ("Chưa có đoàn", "Not visited"),
    "map_caption": (
        "Ranh giới xã, phường là gần đúng (dựng từ điểm trung tâm các đơn vị cũ và mới, không phải ranh giới chính thức). Nhấp vào một vùng để lọc toàn bộ trang theo vùng đó; nhấp lần nữa để bỏ chọn.",
        "Commune boundaries are approximate (built from the points of old and new units, not official boundaries). Click a region to filter the whole dashboard to it; click again to deselect.",
    ),
    "map_official_caption": (
        "Ranh giới theo tệp chính thức đã nhập.",
        "Boundaries from an imported official file.",
    ),
    "coverage_summary_commune": (
        "{visited} / {total} xã, phường đã có đoàn làm việc ({share}); {missing} chưa có.",
        "{visited} of {total} communes visited ({share}); {missing} not yet.",
    ),
    "coverage_summary_province": (
        "{visited} / {total} tỉnh, thành phố đã có đoàn làm việc ({share}); {missing} chưa có.",
        "{visited} of {total} provinces visited ({share}); {missing} not yet.",
    ),
    "selected_issues": ("Vướng mắc tại nơi đã chọn", "Issues in the selected place"),
    "top_places": ("Nơi có nhiều vướng mắc nhất", "Places with the most issues"),
    "click_hint": (
        "Nhấp vào bản đồ để xem trích dẫn của một xã hoặc tỉnh.",
        "Click the map to see the evidence for a commune or province.",
    ),
    "no_geometry": (
        "Chưa có dữ liệu ranh giới (chạy: python -m vuongmac geo build).",
        "No boundary data (run: python -m vuongmac geo build).",
    ),
    "filters": ("Bộ lọc", "Filters"),
    "province": ("Tỉnh, thành phố", "Province"),
    "commune": ("Xã, phường", "Commune / ward"),
    "category": ("Nhóm vướng mắc", "Issue category"),
    "date_from": ("Từ ngày", "From"),
    "date_to": ("Đến ngày", "To"),
    "all": ("Tất cả", "All"),
    "clear_filters": ("Xoá bộ lọc", "Clear filters"),
    "language": ("Ngôn ngữ", "Language"),
    "visits": ("Đoàn công tác", "Visits"),
    "communes_visited": ("Xã, phường được làm việc", "Communes visited"),
    "issues": ("Vướng mắc", "Issues"),
    "proposals": ("Kiến nghị", "Proposals"),
    "sources": ("Nguồn", "Sources"),
    "issue_count": ("Số vướng mắc", "Issues"),
    "month": ("Tháng", "Month"),
    "by_category": ("Vướng mắc theo nhóm", "Issues by category"),
    "over_time": ("Vướng mắc theo tháng", "Issues by month"),
    "no_data": (
        "Không có dữ liệu phù hợp với bộ lọc hiện tại.",
        "No data matches the current filters.",
    ),
    "no_dated_data": (
        "Không có vướng mắc nào có ngày cụ thể trong bộ lọc hiện tại.",
        "No dated issues match the current filters.",
    ),
    "search": ("Tìm kiếm (không cần dấu)", "Search (accents optional)"),
    "search_help": (
        "Tìm trong trích dẫn, địa danh, người chủ trì; ví dụ: chu ky so",
        "Searches evidence, places and officials; e.g. chu ky so",
    ),
    "rows_shown": ("{n} vướng mắc", "{n} issues"),
    "download_csv": ("Tải CSV", "Download CSV"),
    "col_date": ("Ngày", "Date"),
    "col_province": ("Tỉnh", "Province"),
    "col_places": ("Địa bàn", "Place"),
    "col_category": ("Nhóm", "Category"),
    "col_evidence": ("Trích dẫn", "Evidence"),
    "col_source": ("Nguồn", "Source"),
    "col_link": ("Liên kết", "Link"),
    "col_publisher": ("Cơ quan đăng", "Publisher"),
    "col_definition": ("Định nghĩa", "Definition"),
    "col_examples": ("Cụm từ ví dụ", "Example phrases"),
    "col_id": ("Mã", "ID"),
    "col_label": ("Tên nhóm", "Label"),
    "codebook_intro": (
        "Mỗi vướng mắc được gán đúng một nhóm; một câu nêu nhiều khó khăn có thể sinh nhiều bản ghi.",
        "Each issue record has exactly one category; a sentence naming several difficulties may yield several records.",
    ),
    "url_notice": (
        "Một số tham số trong đường dẫn không hợp lệ và đã bị bỏ qua: {msg}",
        "Some link parameters were invalid and ignored: {msg}",
    ),
    "data_as_of": ("Dữ liệu cập nhật: {ts} · bản dựng {bid}", "Data as of {ts} · build {bid}"),
    "build_failed": (
        "Không dựng được kho dữ liệu từ tập dữ liệu đã duyệt:",
        "The warehouse could not be built from the curated dataset:",
    ),
    "serving_previous": (
        "Đang hiển thị bản dữ liệu trước đó.",
        "Showing the previous build of the data.",
    ),
    "share_hint": (
        "Sao chép đường dẫn trên trình duyệt để chia sẻ đúng khung nhìn này.",
        "Copy the browser's address to share exactly this view.",
    ),
    "synthetic_banner": (
        "Dữ liệu mô phỏng — không phải số liệu thật",
        "Synthetic data — not real figures",
    ),
    "issues_with_filters": ("Vướng mắc khớp bộ lọc", "Issues matching the filters"),
}


def t(key: str, lang: str = "vi", **kwargs: object) -> str:
    vi, en = STRINGS[key]
    text = vi if lang == "vi" else en
    return text.format(**kwargs) if kwargs else text
