-- The 34 provinces for the province filter, with how many published visits each has.
-- params:
-- returns: province_code, province_name, visit_count
SELECT p.province_code, p.province_short_name AS province_name, count(v.visit_id) AS visit_count
FROM dim_province p
LEFT JOIN fct_visit v USING (province_code)
GROUP BY ALL
ORDER BY visit_count DESC, province_name
