-- Per commune (all communes of the chosen provinces, or all 3,321): issues, visits and the
-- share of one category, for the choropleth. The commune filter is deliberately not applied:
-- the map is where communes are chosen, so it keeps showing their neighbours.
-- params: $province_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $share_category VARCHAR
-- returns: code, name, province_name, issue_count, visit_count, issues_per_visit, category_share
WITH iss AS (
    SELECT unnest(commune_codes) AS commune_code, category_id
    FROM filtered_issues($province_codes, [], $categories, $date_from, $date_to)
), issue_counts AS (
    SELECT commune_code, count(*) AS issue_count,
           count(*) FILTER (WHERE category_id = $share_category) AS category_count
    FROM iss GROUP BY 1
), visit_counts AS (
    SELECT vc.commune_code, count(DISTINCT vc.visit_id) AS visit_count
    FROM fct_visit_commune vc
    WHERE vc.visit_id IN (SELECT visit_id
                          FROM filtered_visits($province_codes, [], $categories, $date_from,
                                               $date_to))
    GROUP BY 1
)
SELECT c.commune_code AS code, c.commune_name AS name, c.province_name,
       coalesce(i.issue_count, 0) AS issue_count,
       coalesce(v.visit_count, 0) AS visit_count,
       CASE WHEN v.visit_count > 0 THEN coalesce(i.issue_count, 0) / v.visit_count END
           AS issues_per_visit,
       CASE WHEN i.issue_count > 0 THEN i.category_count / i.issue_count END AS category_share
FROM dim_commune c
LEFT JOIN issue_counts i USING (commune_code)
LEFT JOIN visit_counts v USING (commune_code)
WHERE len($province_codes::VARCHAR[]) = 0 OR list_contains($province_codes::VARCHAR[], c.province_code)
ORDER BY c.commune_code
