-- All communes within the chosen provinces (all 3,321 if none), those with published visits
-- first, for the commune filter and for validating commune codes in URLs.
-- params: $province_codes VARCHAR[]
-- returns: commune_code, commune_name, province_code, province_name, visit_count
SELECT c.commune_code, c.commune_name, c.province_code, c.province_name,
       coalesce(n.visit_count, 0) AS visit_count
FROM dim_commune c
LEFT JOIN (SELECT commune_code, count(DISTINCT visit_id) AS visit_count
           FROM fct_visit_commune GROUP BY 1) n USING (commune_code)
WHERE len($province_codes::VARCHAR[]) = 0
   OR list_contains($province_codes::VARCHAR[], c.province_code)
ORDER BY visit_count DESC, c.province_name, c.commune_name, c.commune_code
