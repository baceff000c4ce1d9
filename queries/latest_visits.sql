-- The most recent visits matching the filters, with their places, lead and sources.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $row_limit INTEGER
-- returns: visit_id, visit_date, date_precision, province_name, places, lead_official, lead_title, body, issue_count, source_titles, source_url
SELECT v.visit_id, v.visit_date, v.date_precision, v.province_name, v.places_as_written AS places,
       v.lead_official, v.lead_title, v.body,
       (SELECT count(*) FROM fct_issue i WHERE i.visit_id = v.visit_id) AS issue_count,
       (SELECT string_agg(s.title, ' · ' ORDER BY s.source_id) FROM dim_source s
        WHERE list_contains(v.source_ids, s.source_id)) AS source_titles,
       (SELECT min(s.url) FROM dim_source s
        WHERE list_contains(v.source_ids, s.source_id) AND s.url IS NOT NULL) AS source_url
FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to) v
ORDER BY v.visit_date DESC NULLS LAST, v.visit_id
LIMIT $row_limit
