-- Issues per province for the current filters, most first. National-scope records form
-- one "Toàn quốc" row (province_code NULL) and count in no province. visit_count counts
-- visits (a report's issues count, the report is not a visit).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: province_code, province_name, issue_count, visit_count
SELECT i.province_code, coalesce(p.province_short_name, 'Toàn quốc') AS province_name,
       count(*) AS issue_count,
       count(DISTINCT i.visit_id) FILTER (WHERE i.kind = 'visit') AS visit_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) i
LEFT JOIN dim_province p USING (province_code)
GROUP BY ALL
ORDER BY issue_count DESC, province_name
