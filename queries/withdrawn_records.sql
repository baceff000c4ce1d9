-- Records withdrawn after publication, newest first (the deletions list).
-- params:
-- returns: record_id, entity, withdrawn_at, curator_id, reason
SELECT record_id, entity, withdrawn_at, curator_id, reason FROM mart_withdrawn ORDER BY withdrawn_at DESC, record_id
