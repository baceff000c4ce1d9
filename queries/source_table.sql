-- Published documents with what each produced.
-- params:
-- returns: source_id, title, url, publisher, published_date, language, visit_count, issue_count, proposal_count
SELECT s.source_id, s.title, s.url, s.publisher, s.published_date, s.language,
       (SELECT count(*) FROM fct_visit v WHERE list_contains(v.source_ids, s.source_id)) AS visit_count,
       (SELECT count(*) FROM fct_issue i WHERE i.source_id = s.source_id) AS issue_count,
       (SELECT count(*) FROM fct_proposal p WHERE p.source_id = s.source_id) AS proposal_count
FROM dim_source s
ORDER BY s.published_date DESC NULLS LAST, s.source_id
