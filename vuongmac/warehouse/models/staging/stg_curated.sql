-- Staging: rename, trim, NFC-normalise and type the raw curated files. Every row keeps its
-- `_row` (1-based data row; file line = _row + 1) so data tests can name offending rows.
-- Dates are parsed from ISO text; a value that does not parse stays in *_raw for the tests.

CREATE MACRO clean(s) AS nullif(nfc_normalize(trim(s)), '');

CREATE MACRO parse_partial_date(s) AS CASE
    WHEN regexp_full_match(s, '\d{4}-\d{2}-\d{2}') THEN TRY_CAST(s AS DATE)
    WHEN regexp_full_match(s, '\d{4}-\d{2}') THEN TRY_CAST(s || '-01' AS DATE)
    WHEN regexp_full_match(s, '\d{4}') THEN TRY_CAST(s || '-01-01' AS DATE)
END;

CREATE MACRO precision_of(s) AS CASE
    WHEN s IS NULL THEN 'unknown'
    WHEN regexp_full_match(s, '\d{4}-\d{2}-\d{2}') THEN 'day'
    WHEN regexp_full_match(s, '\d{4}-\d{2}') THEN 'month'
    WHEN regexp_full_match(s, '\d{4}') THEN 'year'
END;

CREATE TABLE stg_sources AS
SELECT _row,
       clean(source_id) AS source_id,
       clean(title) AS title,
       clean(url) AS url,
       clean(publisher) AS publisher,
       clean(published_date) AS published_date_raw,
       TRY_CAST(clean(published_date) AS DATE) AS published_date,
       clean(language) AS language,
       clean(content_hash) AS content_hash,
       clean(file) AS file,
       clean(review_status) AS review_status
FROM raw_sources;

CREATE TABLE stg_visits AS
SELECT _row,
       clean(visit_id) AS visit_id,
       clean(visit_date) AS visit_date_raw,
       parse_partial_date(clean(visit_date)) AS visit_date,
       precision_of(clean(visit_date)) AS parsed_precision,
       coalesce(clean(date_precision), 'unknown') AS date_precision,
       clean(province_code) AS province_code,
       clean(lead_official) AS lead_official,
       clean(lead_title) AS lead_title,
       clean(body) AS body,
       clean(evidence) AS evidence,
       clean(review_status) AS review_status,
       coalesce(clean(scope), 'unknown') AS scope,
       coalesce(clean(kind), 'visit') AS kind,
       -- set by the curator only when the date does not decide (an undated pre-reform report)
       clean(era) AS era_set
FROM raw_visits;

CREATE TABLE stg_visit_sources AS
SELECT _row, clean(visit_id) AS visit_id, clean(source_id) AS source_id
FROM raw_visit_sources;

CREATE TABLE stg_visit_communes AS
SELECT _row,
       clean(visit_id) AS visit_id,
       clean(commune_code) AS commune_code,
       clean(as_written) AS as_written,
       coalesce(clean(conversion), 'current') AS conversion
FROM raw_visit_communes;

CREATE TABLE stg_issues AS
SELECT _row,
       clean(issue_id) AS issue_id,
       clean(visit_id) AS visit_id,
       clean(category_id) AS category_id,
       clean(commune_code) AS commune_code,
       clean(evidence) AS evidence,
       clean(source_id) AS source_id,
       clean(review_status) AS review_status,
       clean(corroborates) AS corroborates
FROM raw_issues;

CREATE TABLE stg_proposals AS
SELECT _row,
       clean(proposal_id) AS proposal_id,
       clean(visit_id) AS visit_id,
       clean(text) AS text,
       clean(assigned_agency) AS assigned_agency,
       coalesce(clean(status), 'proposed') AS status,
       clean(status_note) AS status_note,
       clean(due_date) AS due_date_raw,
       TRY_CAST(clean(due_date) AS DATE) AS due_date,
       clean(source_id) AS source_id,
       clean(review_status) AS review_status,
       -- the difficulties it answers: ';'-separated category ids, blanks and repeats dropped
       list_distinct(list_filter(list_transform(string_split(coalesce(category_ids, ''), ';'),
                                                lambda x: trim(x)), lambda x: x <> '')) AS category_ids
FROM raw_proposals;
