-- All published issues of one visit.
-- params: $visit_id VARCHAR
-- returns: issue_id, category_id, label_vi, label_en, commune_name, evidence, source_count
SELECT i.issue_id, i.category_id, c.label_vi, c.label_en, dc.commune_name, i.evidence,
       i.source_count
FROM fct_issue i
JOIN dim_category c USING (category_id)
LEFT JOIN dim_commune dc ON dc.commune_code = i.commune_code
WHERE i.visit_id = $visit_id
ORDER BY c.sort_order, i.issue_id
