-- First and last visit date among the filtered visits (NULL when there is none).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: first_date, last_date
SELECT min(visit_date) AS first_date, max(visit_date) AS last_date
FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
