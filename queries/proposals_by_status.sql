-- Proposals per status for the current filters.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: status, proposal_count
SELECT status, count(*) AS proposal_count
FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
GROUP BY ALL
ORDER BY proposal_count DESC, status
