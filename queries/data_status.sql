-- When the warehouse was built and from which inputs.
-- params:
-- returns: build_id, built_at
SELECT build_id, built_at FROM meta
