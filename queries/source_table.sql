-- Published documents with what each produced (corroborations included), newest first
-- (total_rows before the limit); copies: files of the same document (HTML and TXT).
-- params: $row_limit INTEGER
-- quote_only: the text is not kept (a publisher's article), only its quotes.
-- returns: source_id, title, url, publisher, published_date, language, visit_count, issue_count, proposal_count, copies, quote_only, total_rows
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
       count(*) OVER (PARTITION BY s.document_key) AS copies, s.file IS NULL AS quote_only,
       count(*) OVER () AS total_rows
FROM dim_source s
LEFT JOIN visits v USING (source_id)
LEFT JOIN issues i USING (source_id)
LEFT JOIN proposals p USING (source_id)
ORDER BY s.published_date DESC NULLS LAST, s.source_id
LIMIT $row_limit
