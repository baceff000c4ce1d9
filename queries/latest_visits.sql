-- The most recent visits matching the filters, with their places, lead and sources.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $row_limit INTEGER
-- returns: visit_id, visit_date, date_precision, province_name, places, places_as_written, era, lead_official, lead_title, body, issue_count, source_titles, source_url
WITH latest AS (
    SELECT * FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
    ORDER BY visit_date DESC NULLS LAST, visit_id
    LIMIT $row_limit
), srcs AS (
    SELECT l.visit_id, string_agg(s.title, ' · ' ORDER BY s.source_id) AS source_titles,
           min(s.url) AS source_url
    FROM latest l, unnest(l.source_ids) AS u(source_id)
    JOIN dim_source s ON s.source_id = u.source_id
    GROUP BY 1
)
SELECT l.visit_id, l.visit_date, l.date_precision, l.province_name, l.places,
       l.places_as_written, l.era,
       l.lead_official, l.lead_title, l.body,
       (SELECT count(*) FROM fct_issue i WHERE i.visit_id = l.visit_id) AS issue_count,
       s.source_titles, s.source_url
FROM latest l
LEFT JOIN srcs s USING (visit_id)
ORDER BY l.visit_date DESC NULLS LAST, l.visit_id
