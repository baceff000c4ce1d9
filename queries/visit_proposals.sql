-- All published proposals of one visit.
-- params: $visit_id VARCHAR
-- returns: proposal_id, text, assigned_agency, agency_as_written, status, status_note, due_date
SELECT proposal_id, text, agency_name AS assigned_agency, agency_as_written, status,
       status_note, due_date
FROM fct_proposal WHERE visit_id = $visit_id ORDER BY proposal_id
