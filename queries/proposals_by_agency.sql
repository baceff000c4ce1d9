-- Agencies with at least $min_count proposals, by status (ranking base for accountability).
-- Agencies are the canonical dimension (dim_agency, aliases in both languages merged); a
-- role word ("the province", "the State", "cấp trên") names no agency and is not ranked.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $today DATE, $min_count INTEGER
-- returns: assigned_agency, agency_name_en, proposal_count, open_count, resolved_count, overdue_count, resolved_share
SELECT agency_name AS assigned_agency, any_value(agency_name_en) AS agency_name_en,
       count(*) AS proposal_count,
       count(*) FILTER (WHERE status IN ('proposed', 'assigned', 'in_progress')) AS open_count,
       count(*) FILTER (WHERE status = 'resolved') AS resolved_count,
       count(*) FILTER (WHERE due_date < $today AND status NOT IN ('resolved', 'declined'))
           AS overdue_count,
       count(*) FILTER (WHERE status = 'resolved') / count(*) AS resolved_share
FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
WHERE agency_name IS NOT NULL
GROUP BY agency_name
HAVING count(*) >= $min_count
ORDER BY proposal_count DESC, agency_name
