-- The issues matching the filters and an optional accent-insensitive search, one row each,
-- with the place, date, evidence and source a reader needs to check the claim. total_rows is
-- the count before $row_limit (NULL limit = all rows, for exports).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $search VARCHAR, $row_limit INTEGER
-- returns: issue_id, visit_date, date_precision, province_name, places, attribution, category_id, label_vi, label_en, evidence, source_count, source_title, source_url, publisher, visit_id, places_as_written, era, total_rows
-- The page is chosen on the issues' own narrow columns (a top-N sort), counted apart, and
-- only its rows are joined to their visit, category, commune and source.
WITH hits AS (
    SELECT issue_id, visit_date
    FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
    WHERE $search IS NULL OR trim($search) = '' OR contains(search_text, fold_text($search))
), page AS (
    SELECT issue_id FROM hits
    ORDER BY visit_date DESC NULLS LAST, issue_id
    LIMIT $row_limit
)
SELECT i.issue_id, i.visit_date, i.date_precision, v.province_name,
       coalesce(ic.commune_name, v.places) AS places, i.attribution,
       i.category_id, c.label_vi, c.label_en, i.evidence, i.source_count,
       s.title AS source_title, s.url AS source_url, s.publisher, i.visit_id,
       v.places_as_written, i.era,
       (SELECT count(*) FROM hits) AS total_rows
FROM page
JOIN fct_issue i USING (issue_id)
JOIN fct_visit v USING (visit_id)
JOIN dim_category c ON c.category_id = i.category_id
LEFT JOIN dim_commune ic ON ic.commune_code = i.commune_code
LEFT JOIN dim_source s ON s.source_id = i.source_id
ORDER BY i.visit_date DESC NULLS LAST, i.issue_id
