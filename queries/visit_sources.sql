-- The sources of one visit.
-- params: $visit_id VARCHAR
-- returns: source_id, title, url, publisher, published_date
SELECT s.source_id, s.title, s.url, s.publisher, s.published_date
FROM fct_visit v, unnest(v.source_ids) AS u(source_id)
JOIN dim_source s ON s.source_id = u.source_id
WHERE v.visit_id = $visit_id
ORDER BY s.source_id
