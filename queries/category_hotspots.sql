-- Where each difficulty is, and who is to fix it: per category, its issues, the provinces
-- and the communes with the most of them, and the agencies most often assigned to the
-- proposals linked to it (the reviewed proposal -> category link). Communes count only the
-- issues the text attributes to them (a visit-wide issue is no commune's own); national
-- records are in no province. Top $top of each, ties broken by name, as lists of
-- {name, name_en, n} for the page to format in its language.
-- params: $province_codes VARCHAR[], $commune_codes VARCHAR[], $categories VARCHAR[], $date_from DATE, $date_to DATE, $eras VARCHAR[], $top INTEGER
-- returns: category_id, label_vi, label_en, issue_count, top_provinces, top_communes, top_agencies
WITH iss AS (
    SELECT category_id, province_code, commune_code
    FROM filtered_issues($province_codes, $commune_codes, $categories, $date_from, $date_to, $eras)
), totals AS (
    SELECT category_id, count(*) AS issue_count FROM iss GROUP BY ALL
), places AS (
    SELECT i.category_id, 'province' AS level, p.province_short_name AS name,
           p.province_short_name AS name_en, i.n
    FROM (SELECT category_id, province_code, count(*) AS n FROM iss
          WHERE province_code IS NOT NULL GROUP BY ALL) i
    JOIN dim_province p USING (province_code)
    UNION ALL
    SELECT i.category_id, 'commune', c.commune_name || ' (' || c.province_name || ')',
           c.commune_name || ' (' || c.province_name || ')', i.n
    FROM (SELECT category_id, commune_code, count(*) AS n FROM iss
          WHERE commune_code IS NOT NULL GROUP BY ALL) i
    JOIN dim_commune c USING (commune_code)
    UNION ALL
    SELECT pc.category_id, 'agency', pr.agency_name, any_value(pr.agency_name_en), count(*)
    FROM filtered_proposals($province_codes, $commune_codes, $categories, $date_from, $date_to,
                            $eras) pr
    JOIN fct_proposal_category pc USING (proposal_id)
    WHERE pr.agency_name IS NOT NULL
      AND (len($categories::VARCHAR[]) = 0 OR list_contains($categories::VARCHAR[], pc.category_id))
    GROUP BY pc.category_id, pr.agency_name
), ranked AS (
    SELECT *, row_number() OVER (PARTITION BY category_id, level ORDER BY n DESC, name) AS rank
    FROM places
), tops AS (
    SELECT category_id,
           list({'name': name, 'name_en': name_en, 'n': n} ORDER BY rank)
               FILTER (WHERE level = 'province') AS top_provinces,
           list({'name': name, 'name_en': name_en, 'n': n} ORDER BY rank)
               FILTER (WHERE level = 'commune') AS top_communes,
           list({'name': name, 'name_en': name_en, 'n': n} ORDER BY rank)
               FILTER (WHERE level = 'agency') AS top_agencies
    FROM ranked
    WHERE rank <= $top
    GROUP BY category_id
)
SELECT t.category_id, d.label_vi, d.label_en, t.issue_count, x.top_provinces, x.top_communes,
       x.top_agencies
FROM totals t
JOIN dim_category d USING (category_id)
LEFT JOIN tops x USING (category_id)
ORDER BY t.issue_count DESC, d.sort_order
