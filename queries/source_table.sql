-- Published documents with what each produced (corroborations included), newest first
-- (total_rows before the limit); copies: files of the same document (HTML and TXT).
-- params: $row_limit INTEGER
-- quote_only: the text is not kept (a publisher's article), only its quotes.
-- returns: source_id, title, url, publisher, published_date, language, visit_count, issue_count, proposal_count, copies, quote_only, total_rows
SELECT source_id, title, url, publisher, published_date, language, visit_count, issue_count,
       proposal_count, copies, quote_only, (SELECT count(*) FROM mart_source) AS total_rows
FROM mart_source
ORDER BY published_date DESC NULLS LAST, source_id
LIMIT $row_limit
