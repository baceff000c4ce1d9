-- Facts: published records only. A visit is visible when it is published; its issues and
-- proposals when they and their visit are. Place lists are denormalised onto each fact so
-- the dashboard filters with one list_has_any() instead of joins.

CREATE TABLE dim_source AS
SELECT source_id, title, url, publisher, published_date, language, content_hash, file
FROM stg_sources
WHERE review_status = 'published'
ORDER BY source_id;

CREATE TABLE fct_visit_commune AS
SELECT DISTINCT vc.visit_id, vc.commune_code, c.province_code, v.visit_date
FROM stg_visit_communes vc
JOIN stg_visits v USING (visit_id)
JOIN dim_commune c USING (commune_code)
WHERE v.review_status = 'published'
ORDER BY vc.visit_id, vc.commune_code;

CREATE TABLE fct_visit AS
WITH places AS (
    SELECT visit_id,
           list(DISTINCT commune_code ORDER BY commune_code) AS commune_codes,
           string_agg(DISTINCT as_written, ', ' ORDER BY as_written) AS places_as_written
    FROM stg_visit_communes
    GROUP BY visit_id
), srcs AS (
    SELECT vs.visit_id, list(DISTINCT vs.source_id ORDER BY vs.source_id) AS source_ids
    FROM stg_visit_sources vs
    JOIN dim_source s USING (source_id)
    GROUP BY vs.visit_id
)
SELECT v.visit_id, v.visit_date, v.date_precision,
       date_trunc('month', v.visit_date)::DATE AS visit_month,
       v.province_code, p.province_short_name AS province_name,
       v.lead_official, v.lead_title, v.body, v.evidence,
       coalesce(pl.commune_codes, []::VARCHAR[]) AS commune_codes,
       pl.places_as_written,
       coalesce(s.source_ids, []::VARCHAR[]) AS source_ids
FROM stg_visits v
JOIN dim_province p USING (province_code)
LEFT JOIN places pl USING (visit_id)
LEFT JOIN srcs s USING (visit_id)
WHERE v.review_status = 'published'
ORDER BY v.visit_id;

CREATE TABLE fct_issue AS
SELECT i.issue_id, i.visit_id, i.category_id, i.commune_code,
       CASE WHEN i.commune_code IS NULL THEN v.commune_codes ELSE [i.commune_code] END
           AS commune_codes,
       i.evidence, i.source_id,
       v.visit_date, v.date_precision, v.visit_month, v.province_code,
       fold_text(concat_ws(' ', i.evidence, v.places_as_written, c.commune_name,
                           v.province_name, v.lead_official, v.lead_title, v.body)) AS search_text
FROM stg_issues i
JOIN fct_visit v USING (visit_id)
LEFT JOIN dim_commune c ON c.commune_code = i.commune_code
WHERE i.review_status = 'published'
ORDER BY i.issue_id;

CREATE TABLE fct_proposal AS
SELECT pr.proposal_id, pr.visit_id, pr.text, pr.assigned_agency, pr.status, pr.status_note,
       pr.due_date, pr.source_id, v.visit_date, v.visit_month, v.province_code, v.commune_codes
FROM stg_proposals pr
JOIN fct_visit v USING (visit_id)
WHERE pr.review_status = 'published'
ORDER BY pr.proposal_id;

-- Dataset quality for the Nguồn page: review status of every record (drafts included),
-- precision of published visit dates and issue places, and how places were converted.
CREATE TABLE mart_data_quality AS
SELECT 'review_status_sources' AS measure, review_status AS value, count(*) AS record_count
FROM stg_sources GROUP BY ALL
UNION ALL
SELECT 'review_status_visits', review_status, count(*) FROM stg_visits GROUP BY ALL
UNION ALL
SELECT 'review_status_issues', review_status, count(*) FROM stg_issues GROUP BY ALL
UNION ALL
SELECT 'review_status_proposals', review_status, count(*) FROM stg_proposals GROUP BY ALL
UNION ALL
SELECT 'date_precision', date_precision, count(*) FROM fct_visit GROUP BY ALL
UNION ALL
SELECT 'issue_place', CASE WHEN commune_code IS NULL THEN 'visit' ELSE 'commune' END, count(*)
FROM fct_issue GROUP BY ALL
UNION ALL
SELECT 'place_conversion', vc.conversion, count(*)
FROM stg_visit_communes vc JOIN fct_visit v USING (visit_id) GROUP BY ALL;

-- Published records later withdrawn: off the dashboard, kept here so earlier exports can be
-- reconciled (from the change log). Curators are named by an id, never by name or e-mail:
-- this table is public.
CREATE TABLE mart_withdrawn AS
SELECT nullif(trim(record_id), '') AS record_id, nullif(trim(entity), '') AS entity,
       TRY_CAST(nullif(trim("at"), '') AS TIMESTAMPTZ) AS withdrawn_at,
       CASE WHEN nullif(trim(who), '') IS NOT NULL
            THEN 'curator-' || left(sha256(lower(trim(who))), 8) END AS curator_id,
       nullif(trim(note), '') AS reason
FROM raw_changes
WHERE trim(action) = 'withdraw'
ORDER BY withdrawn_at, record_id;
