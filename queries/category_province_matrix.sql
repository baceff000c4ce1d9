-- Issues per category and province (only pairs with issues).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE
-- returns: category_id, province_code, province_name, issue_count
SELECT i.category_id, i.province_code, p.province_short_name AS province_name, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to) i
JOIN dim_province p USING (province_code)
GROUP BY ALL
ORDER BY i.category_id, p.province_short_name
