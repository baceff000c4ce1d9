-- Agencies with at least $min_count proposals, by status (ranking base for accountability).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $today DATE, $min_count INTEGER
-- returns: assigned_agency, proposal_count, open_count, resolved_count, overdue_count, resolved_share
SELECT assigned_agency, count(*) AS proposal_count,
       count(*) FILTER (WHERE status IN ('proposed', 'assigned', 'in_progress')) AS open_count,
       count(*) FILTER (WHERE status = 'resolved') AS resolved_count,
       count(*) FILTER (WHERE due_date < $today AND status NOT IN ('resolved', 'declined'))
           AS overdue_count,
       count(*) FILTER (WHERE status = 'resolved') / count(*) AS resolved_share
FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to)
WHERE assigned_agency IS NOT NULL
GROUP BY ALL
HAVING count(*) >= $min_count
ORDER BY proposal_count DESC, assigned_agency
