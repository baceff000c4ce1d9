-- Issues per period, province and category: the input of the surge (spike) rule.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $grain VARCHAR
-- returns: period, province_code, province_name, category_id, issue_count
SELECT date_trunc($grain, i.visit_date)::DATE AS period, i.province_code,
       p.province_short_name AS province_name, i.category_id, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) i
JOIN dim_province p USING (province_code)
WHERE i.visit_date IS NOT NULL AND $grain IN ('week', 'month')
GROUP BY ALL
ORDER BY period, province_code, category_id
