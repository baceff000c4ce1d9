-- Difficulty -> agency -> status: for each category the proposals answer (their reviewed
-- link to the difficulties), the agencies assigned, with open, resolved and overdue counts.
-- A proposal answering two categories is a row under each: rows are category-agency pairs
-- and are never added up across categories. A proposal with no category is under NULL
-- ("chưa gắn nhóm"), one with no agency under NULL ("chưa giao"). With a category filter,
-- only those categories' rows.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $today DATE
-- returns: category_id, label_vi, label_en, agency_name, agency_name_en, proposal_count, open_count, resolved_count, overdue_count
WITH pr AS (
    SELECT * FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from,
                                     $date_to, $eras)
)
SELECT pc.category_id, c.label_vi, c.label_en, pr.agency_name,
       any_value(pr.agency_name_en) AS agency_name_en,
       count(*) AS proposal_count,
       count(*) FILTER (WHERE pr.status IN ('proposed', 'assigned', 'in_progress')) AS open_count,
       count(*) FILTER (WHERE pr.status = 'resolved') AS resolved_count,
       count(*) FILTER (WHERE pr.due_date < $today AND pr.status NOT IN ('resolved', 'declined'))
           AS overdue_count
FROM pr
LEFT JOIN fct_proposal_category pc USING (proposal_id)
LEFT JOIN dim_category c USING (category_id)
WHERE len($categories::VARCHAR[]) = 0 OR list_contains($categories::VARCHAR[], pc.category_id)
GROUP BY pc.category_id, c.label_vi, c.label_en, c.sort_order, pr.agency_name
ORDER BY c.sort_order NULLS LAST, proposal_count DESC, pr.agency_name NULLS LAST
