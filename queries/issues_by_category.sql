-- Issues per category for the current filters, most frequent first; zero rows omitted.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: category_id, label_vi, label_en, sort_order, issue_count
SELECT c.category_id, c.label_vi, c.label_en, c.sort_order, count(*) AS issue_count
FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) i
JOIN dim_category c USING (category_id)
GROUP BY ALL
ORDER BY issue_count DESC, c.sort_order
