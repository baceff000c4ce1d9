-- How many visits raised both categories of each pair (a < b), for the filtered issues.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: category_a, category_b, visit_count
-- Without a commune filter an issue's categories are its visit's (issue_categories, kept
-- to the category filter), so the pairs come from each visit's own list; with one, from
-- the filtered issues themselves (few rows). Both branches count the same thing.
WITH pairs AS (
    SELECT unnest(flatten(list_transform(cats, lambda a:
               list_transform(list_filter(cats, lambda b: a < b), lambda b: [a, b])))) AS pair
    FROM (SELECT CASE WHEN len($categories::VARCHAR[]) = 0 THEN issue_categories
                      ELSE list_intersect(issue_categories, $categories::VARCHAR[]) END AS cats
          FROM filtered_visits($province_codes, [], $categories, $date_from, $date_to, $eras)
          WHERE len($commune_codes::VARCHAR[]) = 0)
    UNION ALL
    SELECT [a.category_id, b.category_id]
    FROM (SELECT DISTINCT visit_id, category_id
          FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
          WHERE len($commune_codes::VARCHAR[]) > 0) a
    JOIN (SELECT DISTINCT visit_id, category_id
          FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
          WHERE len($commune_codes::VARCHAR[]) > 0) b
      ON a.visit_id = b.visit_id AND a.category_id < b.category_id
)
SELECT pair[1] AS category_a, pair[2] AS category_b, count(*) AS visit_count
FROM pairs
GROUP BY ALL
ORDER BY visit_count DESC, category_a, category_b
