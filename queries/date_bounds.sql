-- First and last visit dates in the published data (NULL when there is none).
-- params:
-- returns: first_date, last_date
SELECT min(visit_date) AS first_date, max(visit_date) AS last_date FROM fct_visit
