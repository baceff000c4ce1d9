-- Visits per period (week or month); undated visits as period NULL (their own bar).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $grain VARCHAR
-- returns: period, visit_count
SELECT date_trunc($grain, visit_date)::DATE AS period, count(*) AS visit_count
FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
WHERE $grain IN ('week', 'month') AND kind = 'visit'
GROUP BY ALL
ORDER BY period NULLS LAST
