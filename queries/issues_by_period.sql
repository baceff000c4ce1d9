-- Issues per period (week or month of the visit) and category; undated visits left out.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $grain VARCHAR
-- returns: period, category_id, issue_count
SELECT date_trunc($grain, visit_date)::DATE AS period, category_id, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to)
WHERE visit_date IS NOT NULL AND $grain IN ('week', 'month')
GROUP BY ALL
ORDER BY period, category_id
