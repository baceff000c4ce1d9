-- The one definition of "rows matching the dashboard filters", as table macros that every
-- query in queries/ selects from. Empty lists and NULL dates mean "no restriction"; a visit
-- without a date matches only when no date bound is set. The casts let queries bind plain
-- $parameters (an empty Python list has no type of its own). Macro parameters carry a p_ prefix
-- so they can never be confused with the columns they are compared to.

CREATE MACRO visit_in_filters(v_province, v_communes, v_date, p_provinces, p_communes,
                              p_from, p_to) AS
    (len(p_provinces::VARCHAR[]) = 0 OR list_contains(p_provinces::VARCHAR[], v_province))
    AND (len(p_communes::VARCHAR[]) = 0 OR list_has_any(v_communes, p_communes::VARCHAR[]))
    AND (p_from::DATE IS NULL OR v_date >= p_from::DATE)
    AND (p_to::DATE IS NULL OR v_date <= p_to::DATE);

CREATE MACRO filtered_issues(p_provinces, p_communes, p_categories, p_from, p_to) AS TABLE
SELECT *
FROM fct_issue
WHERE visit_in_filters(province_code, commune_codes, visit_date, p_provinces, p_communes,
                       p_from, p_to)
  AND (len(p_categories::VARCHAR[]) = 0
       OR list_contains(p_categories::VARCHAR[], category_id));

-- With a category filter, a visit counts when it raised at least one such issue.
CREATE MACRO filtered_visits(p_provinces, p_communes, p_categories, p_from, p_to) AS TABLE
SELECT *
FROM fct_visit
WHERE visit_in_filters(province_code, commune_codes, visit_date, p_provinces, p_communes,
                       p_from, p_to)
  AND (len(p_categories::VARCHAR[]) = 0 OR visit_id IN (
        SELECT visit_id
        FROM filtered_issues(p_provinces, p_communes, p_categories, p_from, p_to)));

CREATE MACRO filtered_proposals(p_provinces, p_communes, p_categories, p_from, p_to) AS TABLE
SELECT *
FROM fct_proposal
WHERE visit_id IN (SELECT visit_id
                   FROM filtered_visits(p_provinces, p_communes, p_categories, p_from, p_to));
