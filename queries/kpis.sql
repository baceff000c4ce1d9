-- Headline numbers for the current filters (definitions: docs/counting.md).
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: visit_count, commune_count, issue_count, proposal_count, source_count, undated_visit_count, national_issue_count, before_visit_count, report_count
-- commune_count is coverage: communes visited in the two-tier era only, whatever the era
-- toggle says. source_count counts documents (an HTML and a TXT copy of one article: one).
-- before_visit_count is what the era toggle hides (or shows). Reports (documents about
-- places without a visit) count in issues and report_count, never in visits or coverage.
-- The issues and the visits' counts are read once: one-row aggregates, each named once.
WITH v AS (
    SELECT count(*) FILTER (WHERE kind = 'visit') AS visit_count,
           count(*) FILTER (WHERE visit_date IS NULL AND kind = 'visit') AS undated_visit_count,
           count(*) FILTER (WHERE kind = 'report') AS report_count
    FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
), i AS (
    SELECT count(*) AS issue_count,
           count(*) FILTER (WHERE scope = 'national') AS national_issue_count
    FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
)
SELECT
    v.visit_count,
    (SELECT count(DISTINCT vc.commune_code)
     FROM filtered_visit_communes($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras) vc
     WHERE vc.era = 'two_tier'
       AND (len($commune_codes::VARCHAR[]) = 0
            OR list_contains($commune_codes::VARCHAR[], vc.commune_code))) AS commune_count,
    i.issue_count,
    (SELECT count(*) FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)) AS proposal_count,
    (SELECT count(DISTINCT k)
     FROM (SELECT unnest(document_keys) AS k
           FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras))) AS source_count,
    v.undated_visit_count,
    i.national_issue_count,
    (SELECT count(*)
     FROM filtered_visits($province_codes, $commune_codes, $categories, $date_from, $date_to, ['before'])
     WHERE kind = 'visit' AND NOT list_contains($eras::VARCHAR[], 'before')) AS before_visit_count,
    v.report_count
FROM v, i
