-- The sources of one visit; quote_only: the text is not kept (a publisher's article), only
-- the quotes, and the link leads to the full text.
-- params: $visit_id VARCHAR
-- returns: source_id, title, url, publisher, published_date, quote_only
SELECT s.source_id, s.title, s.url, s.publisher, s.published_date, s.file IS NULL AS quote_only
FROM fct_visit v, unnest(v.source_ids) AS u(source_id)
JOIN dim_source s ON s.source_id = u.source_id
WHERE v.visit_id = $visit_id
ORDER BY s.source_id
