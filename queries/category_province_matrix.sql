-- Issues per category and province (only pairs with issues).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: category_id, province_code, province_name, issue_count
SELECT i.category_id, i.province_code, coalesce(p.province_short_name, 'Toàn quốc') AS province_name, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) i
LEFT JOIN dim_province p USING (province_code)
GROUP BY ALL
ORDER BY i.category_id, province_name
