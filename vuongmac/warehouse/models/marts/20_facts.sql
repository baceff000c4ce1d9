-- Facts: published records only. A visit is visible when it is published; its issues and
-- proposals when they and their visit are. Place lists are denormalised onto each fact so
-- the dashboard filters with one list_has_any() instead of joins.

-- How each count is defined is written once, in docs/counting.md; this file implements it.

-- A quote compared across copies of one article: folded, punctuation and spacing ignored.
CREATE MACRO quote_key(s) AS trim(regexp_replace(fold_text(s), '[^a-z0-9]+', ' ', 'g'));

-- One article stored twice (an HTML and a TXT copy) is one document: same address, or same
-- title, publisher and publication date when there is no address.
CREATE MACRO url_key(u) AS nullif(regexp_replace(regexp_replace(lower(trim(u)),
    '^[a-z]+://(www\.)?', ''), '[/?#]+$', ''), '');

CREATE TABLE dim_source AS
SELECT source_id, title, url, publisher, published_date, language, content_hash, file,
       coalesce(url_key(url),
                quote_key(title) || '|' || coalesce(quote_key(publisher), '') || '|'
                    || coalesce(published_date::VARCHAR, ''),
                source_id) AS document_key
FROM stg_sources
WHERE review_status = 'published'
ORDER BY source_id;

CREATE TABLE fct_visit AS
WITH places AS (
    SELECT visit_id,
           list(DISTINCT commune_code ORDER BY commune_code) AS commune_codes,
           string_agg(DISTINCT as_written, ', ' ORDER BY as_written) AS places_as_written
    FROM stg_visit_communes
    GROUP BY visit_id
), names AS (  -- the places in their 2025 Vietnamese form
    SELECT vc.visit_id, string_agg(c.commune_name, ', ' ORDER BY c.commune_name) AS places
    FROM (SELECT DISTINCT visit_id, commune_code FROM stg_visit_communes) vc
    JOIN dim_commune c USING (commune_code)
    GROUP BY vc.visit_id
), srcs AS (
    SELECT vs.visit_id, list(DISTINCT vs.source_id ORDER BY vs.source_id) AS source_ids,
           min(s.published_date) AS first_published
    FROM stg_visit_sources vs
    JOIN dim_source s USING (source_id)
    GROUP BY vs.visit_id
), dated AS (
    SELECT v.*, CASE v.parsed_precision
                    WHEN 'day' THEN v.visit_date
                    WHEN 'month' THEN last_day(v.visit_date)
                    WHEN 'year' THEN make_date(year(v.visit_date), 12, 31)
                END AS period_end
    FROM stg_visits v
    WHERE v.review_status = 'published'
)
SELECT v.visit_id, v.visit_date, v.date_precision,
       date_trunc('month', v.visit_date)::DATE AS visit_month,
       -- a national occasion (a National Assembly speech) belongs to no province
       CASE WHEN v.scope = 'national' THEN NULL ELSE v.province_code END AS province_code,
       CASE WHEN v.scope = 'national' THEN 'Toàn quốc' ELSE p.province_short_name END
           AS province_name,
       v.province_code AS province_code_as_recorded, v.scope, v.kind,
       CASE WHEN v.visit_date >= getvariable('reform_date') THEN 'two_tier'
            WHEN v.period_end < getvariable('reform_date') THEN 'before'
            WHEN v.era_set IS NOT NULL THEN v.era_set
            WHEN s.first_published IS NULL THEN 'unknown'
            WHEN s.first_published < getvariable('reform_date') THEN 'before'
            ELSE 'two_tier' END AS era,
       CASE WHEN v.visit_date >= getvariable('reform_date')
                 OR v.period_end < getvariable('reform_date') THEN 'visit_date'
            WHEN v.era_set IS NOT NULL THEN 'curator'
            WHEN s.first_published IS NOT NULL THEN 'published' END AS era_basis,
       v.lead_official, v.lead_title, v.body, v.evidence,
       coalesce(pl.commune_codes, []::VARCHAR[]) AS commune_codes,
       n.places, pl.places_as_written,
       coalesce(s.source_ids, []::VARCHAR[]) AS source_ids
FROM dated v
LEFT JOIN dim_province p USING (province_code)
LEFT JOIN places pl USING (visit_id)
LEFT JOIN names n USING (visit_id)
LEFT JOIN srcs s USING (visit_id)
ORDER BY v.visit_id;

-- An issue counts once per visit, category, place and quote: the same quote from another
-- copy or outlet is a corroboration (source_ids, source_count), not a second issue, and so
-- is an issue a curator marked as corroborating another (corroborates: counted as it). It is
-- attributed to a commune only when the text does (commune_code); otherwise it is
-- visit-wide and counts at province level. match_communes is what the commune *filter*
-- matches: its own commune, or, for a visit-wide issue, the communes its visit went to.
CREATE TABLE fct_issue AS
WITH keyed AS (  -- a corroboration takes the key of the issue it corroborates
    SELECT i.issue_id, i.visit_id, i.source_id, i.evidence,
           coalesce(t.category_id, i.category_id) AS category_id,
           CASE WHEN t.issue_id IS NULL THEN i.commune_code ELSE t.commune_code END
               AS commune_code,
           quote_key(coalesce(t.evidence, i.evidence)) AS qkey,
           t.issue_id IS NOT NULL AS is_corroboration
    FROM stg_issues i
    LEFT JOIN stg_issues t
           ON t.issue_id = i.corroborates AND t.visit_id = i.visit_id
          AND t.review_status = 'published'
    WHERE i.review_status = 'published'
), grouped AS (
    SELECT visit_id, category_id, commune_code, qkey,
           coalesce(min(issue_id) FILTER (WHERE NOT is_corroboration), min(issue_id))
               AS issue_id,
           coalesce(arg_min(evidence, issue_id) FILTER (WHERE NOT is_corroboration),
                    arg_min(evidence, issue_id)) AS evidence,
           coalesce(arg_min(source_id, issue_id) FILTER (WHERE NOT is_corroboration),
                    arg_min(source_id, issue_id)) AS source_id,
           list(DISTINCT source_id ORDER BY source_id) AS source_ids,
           list(issue_id ORDER BY issue_id) AS issue_ids
    FROM keyed
    GROUP BY visit_id, category_id, commune_code, qkey
)
SELECT i.issue_id, i.visit_id, i.category_id, i.commune_code,
       CASE WHEN i.commune_code IS NULL THEN 'visit' ELSE 'commune' END AS attribution,
       CASE WHEN i.commune_code IS NULL THEN v.commune_codes ELSE [i.commune_code] END
           AS match_communes,
       i.evidence, i.source_id, i.source_ids, len(i.source_ids) AS source_count, i.issue_ids,
       v.visit_date, v.date_precision, v.visit_month, v.province_code, v.scope, v.era, v.kind,
       fold_text(concat_ws(' ', i.evidence, v.places, v.places_as_written, c.commune_name,
                           v.province_name, v.lead_official, v.lead_title, v.body)) AS search_text
FROM grouped i
JOIN fct_visit v USING (visit_id)
LEFT JOIN dim_commune c ON c.commune_code = i.commune_code
ORDER BY i.issue_id;

-- What the category filter asks of a visit ("a visit counts when it raised at least one
-- such issue", with the issue matching the commune filter as filtered_issues does),
-- precomputed so that no filter needs a subquery: the categories of its issues, and each
-- category with each commune one of its issues matches ("category|commune"). The visit
-- table is rebuilt with them, and with its sources' document keys (a document stored twice
-- is one: the KPI counts distinct keys without a join).
CREATE TABLE fct_visit_filtering AS
WITH cats AS (
    SELECT visit_id, list(DISTINCT category_id ORDER BY category_id) AS issue_categories
    FROM fct_issue
    GROUP BY visit_id
), pairs AS (
    SELECT visit_id, list(DISTINCT pair ORDER BY pair) AS category_communes
    FROM (SELECT visit_id, category_id || '|' || commune_code AS pair
          FROM (SELECT visit_id, category_id, unnest(match_communes) AS commune_code
                FROM fct_issue))
    GROUP BY visit_id
), docs AS (
    SELECT v.visit_id, list(DISTINCT s.document_key ORDER BY s.document_key) AS document_keys
    FROM fct_visit v, unnest(v.source_ids) AS u(source_id)
    JOIN dim_source s ON s.source_id = u.source_id
    GROUP BY v.visit_id
)
SELECT v.visit_id,
       coalesce(c.issue_categories, []::VARCHAR[]) AS issue_categories,
       -- the pairs of them (a < b), for the co-occurrence of categories
       coalesce(flatten(list_transform(c.issue_categories, lambda a: list_transform(
           list_filter(c.issue_categories, lambda b: a < b), lambda b: {'a': a, 'b': b}))),
           []::STRUCT(a VARCHAR, b VARCHAR)[]) AS category_pairs,
       coalesce(p.category_communes, []::VARCHAR[]) AS category_communes,
       coalesce(d.document_keys, []::VARCHAR[]) AS document_keys
FROM fct_visit v
LEFT JOIN cats c USING (visit_id)
LEFT JOIN pairs p USING (visit_id)
LEFT JOIN docs d USING (visit_id);

CREATE TABLE fct_visit_wide AS
SELECT v.*, f.issue_categories, f.category_pairs, f.category_communes, f.document_keys
FROM fct_visit v
JOIN fct_visit_filtering f USING (visit_id)
ORDER BY v.visit_id;
DROP TABLE fct_visit_filtering;
DROP TABLE fct_visit;
ALTER TABLE fct_visit_wide RENAME TO fct_visit;

-- Communes visited: visits only (a report names places nobody went to).
CREATE TABLE fct_visit_commune AS
-- It carries its visit's filter columns (visit_*), so coverage filters without a join.
SELECT DISTINCT vc.visit_id, vc.commune_code, c.province_code, v.visit_date, v.era,
       v.province_code AS visit_province_code, v.commune_codes AS visit_communes,
       v.issue_categories, v.category_communes
FROM stg_visit_communes vc
JOIN fct_visit v USING (visit_id)
JOIN dim_commune c USING (commune_code)
WHERE v.kind = 'visit'
ORDER BY vc.visit_id, vc.commune_code;

-- The agency each proposal names, resolved against the canonical agency list (aliases in
-- both languages); a role word ("the province", "Trung ương") names no agency.
CREATE TABLE dim_agency AS
SELECT agency_id, kind, level, name_vi, name_en FROM raw_agencies ORDER BY agency_id;

CREATE TABLE fct_proposal AS
WITH grouped AS (
    SELECT visit_id, quote_key(text) AS qkey,
           min(proposal_id) AS proposal_id,
           arg_min(text, proposal_id) AS text,
           arg_min(assigned_agency, proposal_id) AS assigned_agency,
           arg_min(status, proposal_id) AS status,
           arg_min(status_note, proposal_id) AS status_note,
           arg_min(due_date, proposal_id) AS due_date,
           arg_min(source_id, proposal_id) AS source_id,
           list(DISTINCT source_id ORDER BY source_id) AS source_ids,
           -- copies of one proposal in several sources: the categories any of them names
           list_sort(list_distinct(flatten(list(category_ids)))) AS category_ids
    FROM stg_proposals
    WHERE review_status = 'published'
    GROUP BY visit_id, quote_key(text)
)
SELECT pr.proposal_id, pr.visit_id, pr.text, pr.assigned_agency AS agency_as_written,
       m.agency_id, coalesce(m.kind, CASE WHEN pr.assigned_agency IS NOT NULL THEN 'other' END)
           AS agency_kind,
       CASE WHEN m.kind = 'role' THEN NULL ELSE coalesce(m.name_vi, pr.assigned_agency) END
           AS agency_name,
       CASE WHEN m.kind = 'role' THEN NULL ELSE coalesce(m.name_en, pr.assigned_agency) END
           AS agency_name_en,
       pr.status, pr.status_note, pr.due_date, pr.source_id, pr.source_ids, pr.category_ids,
       v.visit_date, v.visit_month, v.province_code, v.scope, v.era, v.commune_codes,
       v.issue_categories, v.category_communes
FROM grouped pr
JOIN fct_visit v USING (visit_id)
LEFT JOIN raw_agency_map m ON m.raw_text = pr.assigned_agency
ORDER BY pr.proposal_id;

-- Proposal -> the difficulties it answers (one row per category; a proposal with none has
-- no row: the queries that need it count it as "no category").
CREATE TABLE fct_proposal_category AS
SELECT proposal_id, unnest(category_ids) AS category_id
FROM fct_proposal
ORDER BY proposal_id, category_id;

-- The Nguồn page's table, filter-free, so built once: each published source with how many
-- visits, issues and proposals cite it and how many copies of its document are stored.
CREATE TABLE mart_source AS
WITH visits AS (
    SELECT u.source_id, count(*) AS visit_count
    FROM fct_visit v, unnest(v.source_ids) AS u(source_id)
    GROUP BY 1
), issues AS (
    SELECT u.source_id, count(*) AS issue_count
    FROM fct_issue i, unnest(i.source_ids) AS u(source_id) GROUP BY 1
), proposals AS (
    SELECT u.source_id, count(*) AS proposal_count
    FROM fct_proposal p, unnest(p.source_ids) AS u(source_id) GROUP BY 1
)
SELECT s.source_id, s.title, s.url, s.publisher, s.published_date, s.language,
       coalesce(v.visit_count, 0) AS visit_count, coalesce(i.issue_count, 0) AS issue_count,
       coalesce(p.proposal_count, 0) AS proposal_count,
       count(*) OVER (PARTITION BY s.document_key) AS copies, s.file IS NULL AS quote_only
FROM dim_source s
LEFT JOIN visits v USING (source_id)
LEFT JOIN issues i USING (source_id)
LEFT JOIN proposals p USING (source_id)
ORDER BY s.published_date DESC NULLS LAST, s.source_id;

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
SELECT 'issue_place', attribution, count(*) FROM fct_issue GROUP BY ALL
UNION ALL
SELECT 'era', era, count(*) FROM fct_visit GROUP BY ALL
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
