-- Proposals of the filtered visits with agency, status and an overdue flag (due date passed
-- while not resolved or declined).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $today DATE, $row_limit INTEGER
-- returns: proposal_id, visit_id, visit_date, date_precision, province_name, places, text, category_ids, assigned_agency, agency_name_en, agency_as_written, status, status_note, due_date, overdue, source_title, source_url, total_rows
-- The page is chosen on the proposals' own columns, counted apart, then joined.
WITH hits AS (
    SELECT proposal_id, visit_date,
           coalesce(due_date < $today AND status NOT IN ('resolved', 'declined'), false)
               AS overdue
    FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
), page AS (
    SELECT proposal_id, overdue FROM hits
    ORDER BY overdue DESC, visit_date DESC NULLS LAST, proposal_id
    LIMIT $row_limit
)
SELECT pr.proposal_id, pr.visit_id, pr.visit_date, v.date_precision, v.province_name,
       v.places, pr.text, pr.category_ids, pr.agency_name AS assigned_agency, pr.agency_name_en,
       pr.agency_as_written, pr.status, pr.status_note, pr.due_date, page.overdue,
       s.title AS source_title, s.url AS source_url, (SELECT count(*) FROM hits) AS total_rows
FROM page
JOIN fct_proposal pr USING (proposal_id)
JOIN fct_visit v USING (visit_id)
LEFT JOIN dim_source s ON s.source_id = pr.source_id
ORDER BY page.overdue DESC, pr.visit_date DESC NULLS LAST, pr.proposal_id
