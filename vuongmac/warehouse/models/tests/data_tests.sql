-- Data tests: every query below returns offending rows as
-- (file, row, record_id, problem). The build fails when any returns a row.
-- `row` is the 1-based data row of the CSV file (its line number is row + 1).

-- unique keys
SELECT 'sources.csv' AS file, _row AS row, source_id AS record_id, 'duplicate source_id' AS problem
FROM stg_sources QUALIFY count(*) OVER (PARTITION BY source_id) > 1
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'duplicate visit_id'
FROM stg_visits QUALIFY count(*) OVER (PARTITION BY visit_id) > 1
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'duplicate issue_id'
FROM stg_issues QUALIFY count(*) OVER (PARTITION BY issue_id) > 1
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'duplicate proposal_id'
FROM stg_proposals QUALIFY count(*) OVER (PARTITION BY proposal_id) > 1
UNION ALL
SELECT 'visit_sources.csv', _row, visit_id || ' / ' || source_id, 'duplicate row'
FROM stg_visit_sources QUALIFY count(*) OVER (PARTITION BY visit_id, source_id) > 1
UNION ALL
SELECT 'visit_communes.csv', _row, visit_id || ' / ' || commune_code, 'duplicate row'
FROM stg_visit_communes
QUALIFY count(*) OVER (PARTITION BY visit_id, commune_code, as_written) > 1

-- required values
UNION ALL
SELECT 'sources.csv', _row, coalesce(source_id, '?'), 'missing ' || col
FROM (SELECT *, unnest(['source_id', 'title', 'content_hash', 'review_status']) AS col,
             unnest([source_id, title, content_hash, review_status]) AS val FROM stg_sources)
WHERE val IS NULL
UNION ALL
SELECT 'visits.csv', _row, coalesce(visit_id, '?'), 'missing ' || col
FROM (SELECT *, unnest(['visit_id', 'evidence', 'review_status']) AS col,
             unnest([visit_id, evidence, review_status]) AS val FROM stg_visits)
WHERE val IS NULL
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'missing province_code (required to publish unless the scope is national)'
FROM stg_visits WHERE province_code IS NULL AND review_status = 'published' AND scope <> 'national'
UNION ALL
SELECT 'issues.csv', _row, coalesce(issue_id, '?'), 'missing ' || col
FROM (SELECT *, unnest(['issue_id', 'visit_id', 'category_id', 'evidence', 'source_id',
                        'review_status']) AS col,
             unnest([issue_id, visit_id, category_id, evidence, source_id, review_status])
                 AS val FROM stg_issues)
WHERE val IS NULL
UNION ALL
SELECT 'proposals.csv', _row, coalesce(proposal_id, '?'), 'missing ' || col
FROM (SELECT *, unnest(['proposal_id', 'visit_id', 'text', 'source_id', 'review_status'])
                    AS col,
             unnest([proposal_id, visit_id, text, source_id, review_status]) AS val
      FROM stg_proposals)
WHERE val IS NULL
UNION ALL
SELECT 'visit_communes.csv', _row, coalesce(visit_id, '?'), 'missing ' || col
FROM (SELECT *, unnest(['visit_id', 'commune_code', 'as_written']) AS col,
             unnest([visit_id, commune_code, as_written]) AS val FROM stg_visit_communes)
WHERE val IS NULL

-- accepted values
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown kind ''' || kind || ''' (visit or report)'
FROM stg_visits WHERE kind NOT IN ('visit', 'report')
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown era ''' || era_set || ''' (before, two_tier or empty)'
FROM stg_visits WHERE era_set NOT IN ('before', 'two_tier')
UNION ALL
SELECT 'issues.csv', i._row, i.issue_id,
       'corroborates ''' || i.corroborates || ''', which is not an issue of the same visit'
FROM stg_issues i
LEFT JOIN stg_issues t ON t.issue_id = i.corroborates AND t.visit_id = i.visit_id
WHERE i.corroborates IS NOT NULL AND t.issue_id IS NULL
UNION ALL
SELECT 'issues.csv', i._row, i.issue_id,
       'corroborates ''' || i.corroborates || ''', itself a corroboration (name the first issue)'
FROM stg_issues i
JOIN stg_issues t ON t.issue_id = i.corroborates
WHERE t.corroborates IS NOT NULL
UNION ALL
SELECT 'sources.csv', _row, source_id, 'unknown review_status ''' || review_status || ''''
FROM stg_sources WHERE review_status NOT IN ('draft', 'published', 'rejected', 'withdrawn', 'dismissed')
UNION ALL
SELECT 'sources.csv', _row, source_id, 'unknown language ''' || language || ''''
FROM stg_sources WHERE language IS NOT NULL AND language NOT IN ('vi', 'en')
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown review_status ''' || review_status || ''''
FROM stg_visits WHERE review_status NOT IN ('draft', 'published', 'rejected', 'withdrawn', 'dismissed')
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'unknown review_status ''' || review_status || ''''
FROM stg_issues WHERE review_status NOT IN ('draft', 'published', 'rejected', 'withdrawn', 'dismissed')
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'unknown review_status ''' || review_status || ''''
FROM stg_proposals WHERE review_status NOT IN ('draft', 'published', 'rejected', 'withdrawn', 'dismissed')
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'unknown category ''' || category_id || ''' (not in the codebook)'
FROM stg_issues WHERE category_id NOT IN (SELECT category_id FROM dim_category)
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'unknown category ''' || c || ''' (not in the codebook)'
FROM (SELECT _row, proposal_id, unnest(category_ids) AS c FROM stg_proposals)
WHERE c NOT IN (SELECT category_id FROM dim_category)
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'unknown status ''' || status || ''''
FROM stg_proposals
WHERE status NOT IN ('proposed', 'assigned', 'in_progress', 'resolved', 'declined')
UNION ALL
SELECT 'visit_communes.csv', _row, visit_id, 'unknown conversion ''' || conversion || ''''
FROM stg_visit_communes WHERE conversion NOT IN ('current', 'unchanged', 'merged', 'split')
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown date_precision ''' || date_precision || ''''
FROM stg_visits WHERE date_precision NOT IN ('day', 'month', 'year', 'unknown')
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown scope ''' || scope || ''''
FROM stg_visits WHERE scope NOT IN ('commune', 'province', 'national', 'unknown')

-- links: only absolute http(s) addresses are ever rendered as links
UNION ALL
SELECT 'sources.csv', _row, source_id, 'url must be an http:// or https:// address'
FROM stg_sources WHERE url IS NOT NULL AND NOT regexp_full_match(url, 'https?://[^\s<>"]+')

-- dates: parseable, consistent with their precision, plausible
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unreadable visit_date ''' || visit_date_raw || ''' (use YYYY-MM-DD, YYYY-MM or YYYY)'
FROM stg_visits WHERE visit_date_raw IS NOT NULL AND visit_date IS NULL
UNION ALL
SELECT 'visits.csv', _row, visit_id,
       'date_precision ''' || date_precision || ''' does not match visit_date ''' || coalesce(visit_date_raw, '') || ''''
FROM stg_visits WHERE visit_date_raw IS NULL AND date_precision <> 'unknown'
   OR visit_date IS NOT NULL AND date_precision <> parsed_precision
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'implausible visit_date ' || visit_date
FROM stg_visits
WHERE visit_date < DATE '2000-01-01' OR visit_date > getvariable('max_plausible_date')
UNION ALL
SELECT 'sources.csv', _row, source_id, 'unreadable published_date ''' || published_date_raw || ''''
FROM stg_sources WHERE published_date_raw IS NOT NULL AND published_date IS NULL
UNION ALL
SELECT 'sources.csv', _row, source_id, 'implausible published_date ' || published_date
FROM stg_sources
WHERE published_date < DATE '2000-01-01' OR published_date > getvariable('max_plausible_date')
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'unreadable due_date ''' || due_date_raw || ''''
FROM stg_proposals WHERE due_date_raw IS NOT NULL AND due_date IS NULL

-- references (codes, not names)
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'unknown province_code ''' || province_code || ''''
FROM stg_visits WHERE province_code NOT IN (SELECT province_code FROM dim_province)
UNION ALL
SELECT 'visit_communes.csv', _row, visit_id, 'unknown commune_code ''' || commune_code || ''''
FROM stg_visit_communes WHERE commune_code NOT IN (SELECT commune_code FROM dim_commune)
UNION ALL
SELECT 'visit_communes.csv', vc._row, vc.visit_id,
       'commune ' || vc.commune_code || ' is in province ' || c.province_code
       || ', the visit in ' || v.province_code
FROM stg_visit_communes vc
JOIN dim_commune c USING (commune_code)
JOIN stg_visits v USING (visit_id)
WHERE c.province_code <> v.province_code
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'unknown commune_code ''' || commune_code || ''''
FROM stg_issues
WHERE commune_code IS NOT NULL AND commune_code NOT IN (SELECT commune_code FROM dim_commune)
UNION ALL
SELECT 'issues.csv', i._row, i.issue_id,
       'commune ' || i.commune_code || ' is not among the communes of visit ' || i.visit_id
FROM stg_issues i
WHERE i.commune_code IN (SELECT commune_code FROM dim_commune)
  AND NOT EXISTS (SELECT 1 FROM stg_visit_communes vc
                  WHERE vc.visit_id = i.visit_id AND vc.commune_code = i.commune_code)
UNION ALL
SELECT 'visit_communes.csv', _row, visit_id, 'unknown visit_id'
FROM stg_visit_communes WHERE visit_id NOT IN (SELECT visit_id FROM stg_visits)
UNION ALL
SELECT 'visit_sources.csv', _row, visit_id, 'unknown visit_id'
FROM stg_visit_sources WHERE visit_id NOT IN (SELECT visit_id FROM stg_visits)
UNION ALL
SELECT 'visit_sources.csv', _row, visit_id, 'unknown source_id ''' || source_id || ''''
FROM stg_visit_sources WHERE source_id NOT IN (SELECT source_id FROM stg_sources)
UNION ALL
SELECT 'visits.csv', _row, visit_id, 'visit has no source (add a row to visit_sources.csv)'
FROM stg_visits WHERE visit_id NOT IN (SELECT visit_id FROM stg_visit_sources)
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'unknown visit_id ''' || visit_id || ''''
FROM stg_issues WHERE visit_id NOT IN (SELECT visit_id FROM stg_visits)
UNION ALL
SELECT 'issues.csv', _row, issue_id, 'source ''' || source_id || ''' is not a source of visit ' || visit_id
FROM stg_issues i
WHERE source_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM stg_visit_sources vs WHERE vs.visit_id = i.visit_id AND vs.source_id = i.source_id)
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'unknown visit_id ''' || visit_id || ''''
FROM stg_proposals WHERE visit_id NOT IN (SELECT visit_id FROM stg_visits)
UNION ALL
SELECT 'proposals.csv', _row, proposal_id, 'source ''' || source_id || ''' is not a source of visit ' || visit_id
FROM stg_proposals p
WHERE source_id IS NOT NULL AND NOT EXISTS (
    SELECT 1 FROM stg_visit_sources vs WHERE vs.visit_id = p.visit_id AND vs.source_id = p.source_id)

-- The marts' precomputed filter columns equal what they are computed from (written here a
-- second way): a visit's issue categories, its category|commune pairs and its document
-- keys; the visit columns copied onto proposals and visited communes.
UNION ALL
SELECT 'warehouse', 0, v.visit_id, 'fct_visit filter columns differ from its issues and sources'
FROM fct_visit v
LEFT JOIN (SELECT visit_id, list_sort(list_distinct(list(category_id))) AS cats,
                  list_sort(list_distinct(flatten(list(list_transform(match_communes,
                      lambda m: category_id || '|' || m))))) AS pairs
           FROM fct_issue GROUP BY visit_id) i USING (visit_id)
LEFT JOIN (SELECT x.visit_id, list_sort(list_distinct(list(s.document_key))) AS docs
           FROM (SELECT visit_id, unnest(source_ids) AS source_id FROM fct_visit) x
           JOIN dim_source s USING (source_id) GROUP BY x.visit_id) d USING (visit_id)
WHERE v.issue_categories IS DISTINCT FROM coalesce(i.cats, []::VARCHAR[])
   OR len(v.category_pairs) <> len(v.issue_categories) * (len(v.issue_categories) - 1) // 2
   OR list_any_value(list_filter(v.category_pairs, lambda p: NOT (p.a < p.b
          AND list_contains(v.issue_categories, p.a) AND list_contains(v.issue_categories, p.b))))
      IS NOT NULL
   OR v.category_communes IS DISTINCT FROM coalesce(i.pairs, []::VARCHAR[])
   OR v.document_keys IS DISTINCT FROM coalesce(d.docs, []::VARCHAR[])
UNION ALL
SELECT 'warehouse', 0, p.proposal_id, 'fct_proposal filter columns differ from its visit'
FROM fct_proposal p JOIN fct_visit v USING (visit_id)
WHERE p.issue_categories IS DISTINCT FROM v.issue_categories
   OR p.category_communes IS DISTINCT FROM v.category_communes
   OR p.commune_codes IS DISTINCT FROM v.commune_codes
   OR p.province_code IS DISTINCT FROM v.province_code
   OR p.visit_date IS DISTINCT FROM v.visit_date OR p.era IS DISTINCT FROM v.era
UNION ALL
SELECT 'warehouse', 0, vc.visit_id || ' / ' || vc.commune_code,
       'fct_visit_commune filter columns differ from its visit'
FROM fct_visit_commune vc JOIN fct_visit v USING (visit_id)
WHERE vc.issue_categories IS DISTINCT FROM v.issue_categories
   OR vc.category_communes IS DISTINCT FROM v.category_communes
   OR vc.visit_communes IS DISTINCT FROM v.commune_codes
   OR vc.visit_province_code IS DISTINCT FROM v.province_code
   OR vc.visit_date IS DISTINCT FROM v.visit_date OR vc.era IS DISTINCT FROM v.era
UNION ALL
-- (a record may cite a source that is not published: only published sources are counted)
SELECT 'warehouse', 0, 'mart_source', 'mart_source counts differ from the facts'
WHERE (SELECT count(*) FROM mart_source) IS DISTINCT FROM (SELECT count(*) FROM dim_source)
   OR (SELECT coalesce(sum(visit_count), 0) FROM mart_source)
      IS DISTINCT FROM (SELECT count(*) FROM (SELECT unnest(source_ids) AS source_id FROM fct_visit) JOIN dim_source USING (source_id))
   OR (SELECT coalesce(sum(issue_count), 0) FROM mart_source)
      IS DISTINCT FROM (SELECT count(*) FROM (SELECT unnest(source_ids) AS source_id FROM fct_issue) JOIN dim_source USING (source_id))
   OR (SELECT coalesce(sum(proposal_count), 0) FROM mart_source)
      IS DISTINCT FROM (SELECT count(*) FROM (SELECT unnest(source_ids) AS source_id FROM fct_proposal) JOIN dim_source USING (source_id))
   OR (SELECT coalesce(sum(copies), 0) FROM mart_source) IS DISTINCT FROM
      (SELECT coalesce(sum(n * n), 0) FROM (SELECT count(*) AS n FROM dim_source GROUP BY document_key))
