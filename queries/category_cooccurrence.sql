-- How many visits raised both categories of each pair (a < b), for the filtered issues.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[]
-- returns: category_a, category_b, visit_count
-- Without a commune filter the pairs are each visit's own (category_pairs, both kept to the
-- category filter); with one, they come from the filtered issues themselves (few rows).
-- Both branches count the same thing (tests/test_marts.py).
WITH pairs AS (
    SELECT [pair.a, pair.b] AS pair
    FROM (SELECT unnest(category_pairs) AS pair
          FROM filtered_visits($province_codes, [], $categories, $date_from, $date_to, $eras)
          WHERE len($commune_codes::VARCHAR[]) = 0)
    WHERE len($categories::VARCHAR[]) = 0
       OR (list_contains($categories::VARCHAR[], pair.a)
           AND list_contains($categories::VARCHAR[], pair.b))
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
