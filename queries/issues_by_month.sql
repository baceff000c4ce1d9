-- Issues per month of the visit and category; undated visits as period NULL (their own bar).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: visit_month, category_id, issue_count
SELECT visit_month, category_id, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
GROUP BY ALL
ORDER BY visit_month NULLS LAST, category_id
