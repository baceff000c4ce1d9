-- Per province (all 34): issues (commune and visit-wide: both count at province level),
-- visits, share of one category, and coverage (communes visited in the two-tier era), for
-- the province choropleth. National-scope records are in no province (see kpis). The
-- province filter is not applied: the map is where provinces are chosen.
-- params: $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $share_category VARCHAR
-- returns: code, name, province_name, issue_count, visit_count, issues_per_visit, category_share, visit_wide_count, visited_two_tier, communes_visited, commune_count
WITH iss AS (
    SELECT province_code, category_id, commune_code
    FROM filtered_issues([], $commune_codes, $categories, $date_from, $date_to, $eras)
    WHERE province_code IS NOT NULL
), issue_counts AS (
    SELECT province_code, count(*) AS issue_count,
           count(*) FILTER (WHERE category_id = $share_category) AS category_count,
           count(*) FILTER (WHERE commune_code IS NULL) AS visit_wide_count
    FROM iss GROUP BY 1
), vis AS (
    SELECT * FROM filtered_visits([], $commune_codes, $categories, $date_from, $date_to, $eras)
), visit_counts AS (
    SELECT province_code, count(*) AS visit_count,
           bool_or(era = 'two_tier') AS visited_two_tier
    FROM vis WHERE province_code IS NOT NULL AND kind = 'visit' GROUP BY 1
), covered AS (
    SELECT vc.province_code, count(DISTINCT vc.commune_code) AS communes_visited
    FROM filtered_visit_communes([], $commune_codes, $categories, $date_from, $date_to, $eras) vc
    WHERE vc.era = 'two_tier'
    GROUP BY 1
)
SELECT p.province_code AS code, p.province_short_name AS name,
       p.province_short_name AS province_name,
       coalesce(i.issue_count, 0) AS issue_count,
       coalesce(v.visit_count, 0) AS visit_count,
       CASE WHEN v.visit_count > 0 THEN coalesce(i.issue_count, 0) / v.visit_count END
           AS issues_per_visit,
       CASE WHEN i.issue_count > 0 THEN i.category_count / i.issue_count END AS category_share,
       coalesce(i.visit_wide_count, 0) AS visit_wide_count,
       coalesce(v.visited_two_tier, false) AS visited_two_tier,
       coalesce(c.communes_visited, 0) AS communes_visited,
       p.commune_count
FROM dim_province p
LEFT JOIN issue_counts i USING (province_code)
LEFT JOIN visit_counts v USING (province_code)
LEFT JOIN covered c USING (province_code)
ORDER BY p.province_code
