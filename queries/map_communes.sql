-- Per commune (all communes of the chosen provinces, or all 3,321): the choropleth's metrics.
-- issue_count counts only issues the text attributes to the commune, so its sum over all
-- communes never exceeds the issues attributed to communes. visit_wide_count is a separate
-- layer: visit-wide issues of the visits that went to the commune ("communes in visits that
-- raised ..."), never added to issue_count. Coverage (visited) uses the two-tier era only.
-- The commune filter is deliberately not applied: the map is where communes are chosen.
-- params: $province_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $share_category VARCHAR
-- returns: code, name, province_name, issue_count, visit_count, issues_per_visit, category_share, visit_wide_count, visited_two_tier
WITH iss AS (
    SELECT * FROM filtered_issues($province_codes, [], $categories, $date_from, $date_to, $eras)
), issue_counts AS (
    SELECT commune_code, count(*) AS issue_count,
           count(*) FILTER (WHERE category_id = $share_category) AS category_count
    FROM iss WHERE commune_code IS NOT NULL GROUP BY 1
), wide AS (
    SELECT unnest(match_communes) AS commune_code, count(*) AS visit_wide_count
    FROM iss WHERE commune_code IS NULL GROUP BY 1
), visit_counts AS (
    SELECT vc.commune_code, count(DISTINCT vc.visit_id) AS visit_count,
           bool_or(vc.era = 'two_tier') AS visited_two_tier
    FROM filtered_visit_communes($province_codes, [], $categories, $date_from, $date_to,
                                 $eras) vc
    GROUP BY 1
)
SELECT c.commune_code AS code, c.commune_name AS name, c.province_name,
       coalesce(i.issue_count, 0) AS issue_count,
       coalesce(v.visit_count, 0) AS visit_count,
       CASE WHEN v.visit_count > 0 THEN coalesce(i.issue_count, 0) / v.visit_count END
           AS issues_per_visit,
       CASE WHEN i.issue_count > 0 THEN i.category_count / i.issue_count END AS category_share,
       coalesce(w.visit_wide_count, 0) AS visit_wide_count,
       coalesce(v.visited_two_tier, false) AS visited_two_tier
FROM dim_commune c
LEFT JOIN issue_counts i USING (commune_code)
LEFT JOIN wide w USING (commune_code)
LEFT JOIN visit_counts v USING (commune_code)
WHERE len($province_codes::VARCHAR[]) = 0 OR list_contains($province_codes::VARCHAR[], c.province_code)
ORDER BY c.commune_code
