-- Headline numbers for the current filters.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE
-- returns: visit_count, commune_count, issue_count, proposal_count, source_count
WITH v AS (SELECT * FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to))
SELECT
    (SELECT count(*) FROM v) AS visit_count,
    (SELECT count(DISTINCT vc.commune_code)
     FROM fct_visit_commune vc
     WHERE vc.visit_id IN (SELECT visit_id FROM v)
       AND (len($commune_codes::VARCHAR[]) = 0
            OR list_contains($commune_codes::VARCHAR[], vc.commune_code))) AS commune_count,
    (SELECT count(*) FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to)) AS issue_count,
    (SELECT count(*) FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to)) AS proposal_count,
    (SELECT count(DISTINCT s.source_id) FROM v, unnest(v.source_ids) AS s(source_id))
        AS source_count
