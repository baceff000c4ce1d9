-- Issues per month of the visit and category (visits without a date are left out).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE
-- returns: visit_month, category_id, issue_count
SELECT visit_month, category_id, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to)
WHERE visit_month IS NOT NULL
GROUP BY ALL
ORDER BY visit_month, category_id
