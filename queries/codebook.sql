-- The codebook with how many published issues each category has.
-- params:
-- returns: category_id, label_vi, label_en, definition_vi, definition_en, examples, sort_order, issue_count
SELECT c.category_id, c.label_vi, c.label_en, c.definition_vi, c.definition_en, c.examples,
       c.sort_order, coalesce(n.issue_count, 0) AS issue_count
FROM dim_category c
LEFT JOIN (SELECT category_id, count(*) AS issue_count FROM fct_issue GROUP BY 1) n
       USING (category_id)
ORDER BY c.sort_order
