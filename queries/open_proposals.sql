-- Open proposals (proposed, assigned or in progress) of the filtered visits, overdue first,
-- then by due date and visit date, for the leader brief.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $today DATE, $row_limit INTEGER
-- returns: text, assigned_agency, status, due_date, overdue, visit_date, places
SELECT pr.text, pr.agency_name AS assigned_agency, pr.status, pr.due_date,
       coalesce(pr.due_date < $today, false) AS overdue, pr.visit_date,
       coalesce(v.places, v.province_name) AS places
FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) pr
JOIN fct_visit v USING (visit_id)
WHERE pr.status IN ('proposed', 'assigned', 'in_progress')
ORDER BY overdue DESC, pr.due_date NULLS LAST, pr.visit_date DESC NULLS LAST, pr.proposal_id
LIMIT $row_limit
