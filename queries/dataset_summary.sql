-- What the dataset is, for its one-line banner: documents coded (published or dismissed as
-- not relevant), those with records, publishers (the three with most documents), the span
-- of years the records and their sources cover, and how many sources keep quotes only.
-- params:
-- returns: document_count, published_count, publisher_count, top_publishers, first_year, last_year, quote_only_count
WITH docs AS (
    SELECT * FROM stg_sources WHERE review_status IN ('published', 'dismissed')
), pubs AS (
    SELECT publisher, count(*) AS n FROM docs WHERE publisher IS NOT NULL GROUP BY 1
), years AS (
    SELECT year(visit_date) AS y FROM fct_visit WHERE visit_date IS NOT NULL
    UNION ALL
    SELECT year(published_date) FROM dim_source WHERE published_date IS NOT NULL
)
SELECT (SELECT count(*) FROM docs) AS document_count,
       (SELECT count(*) FROM docs WHERE review_status = 'published') AS published_count,
       (SELECT count(*) FROM pubs) AS publisher_count,
       (SELECT list(publisher ORDER BY n DESC, publisher)[1:3] FROM pubs) AS top_publishers,
       (SELECT min(y) FROM years) AS first_year,
       (SELECT max(y) FROM years) AS last_year,
       (SELECT count(*) FROM docs WHERE file IS NULL) AS quote_only_count
