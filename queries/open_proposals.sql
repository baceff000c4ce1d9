-- Open proposals (proposed, assigned or in progress) of the filtered visits, overdue first,
-- then by due date and visit date, for the leader brief.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $today DATE, $row_limit INTEGER
-- returns: text, assigned_agency, status, due_date, overdue, visit_date, places
WITH top AS (
    SELECT pr.proposal_id, pr.visit_id, pr.text, pr.agency_name AS assigned_agency,
           pr.status, pr.due_date, coalesce(pr.due_date < $today, false) AS overdue,
           pr.visit_date
    FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) pr
    WHERE pr.status IN ('proposed', 'assigned', 'in_progress')
    ORDER BY overdue DESC, pr.due_date NULLS LAST, pr.visit_date DESC NULLS LAST, pr.proposal_id
    LIMIT $row_limit
)
SELECT t.text, t.assigned_agency, t.status, t.due_date, t.overdue, t.visit_date,
       coalesce(v.places, v.province_name) AS places
FROM top t
JOIN fct_visit v USING (visit_id)
ORDER BY t.overdue DESC, t.due_date NULLS LAST, t.visit_date DESC NULLS LAST, t.proposal_id
