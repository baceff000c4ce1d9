-- How many visits raised both categories of each pair (a < b), for the filtered issues.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: category_a, category_b, visit_count
WITH vc AS (
    SELECT DISTINCT visit_id, category_id FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
)
SELECT a.category_id AS category_a, b.category_id AS category_b, count(*) AS visit_count
FROM vc a JOIN vc b ON a.visit_id = b.visit_id AND a.category_id < b.category_id
GROUP BY ALL
ORDER BY visit_count DESC, category_a, category_b
