-- One visit: date, place, officials, body, evidence.
-- params: $visit_id VARCHAR
-- returns: visit_id, visit_date, date_precision, province_name, places, places_as_written, era, lead_official, lead_title, body, evidence
SELECT visit_id, visit_date, date_precision, province_name, places, places_as_written, era,
       lead_official, lead_title, body, evidence
FROM fct_visit WHERE visit_id = $visit_id
