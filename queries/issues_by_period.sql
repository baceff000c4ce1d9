-- Issues per period (week or month of the visit) and category. Undated visits are one row
-- per category with period NULL: the chart's "không rõ ngày" bar, never dropped.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $grain VARCHAR
-- returns: period, category_id, issue_count
SELECT date_trunc($grain, visit_date)::DATE AS period, category_id, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
WHERE $grain IN ('week', 'month')
GROUP BY ALL
ORDER BY period NULLS LAST, category_id
