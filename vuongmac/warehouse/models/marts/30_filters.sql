-- The one definition of "rows matching the dashboard filters", as table macros that every
-- query in queries/ selects from. Empty lists and NULL dates mean "no restriction"; a visit
-- without a date matches only when no date bound is set. p_eras names the eras shown (the
-- default view: two-tier and unknown; docs/counting.md). The casts let queries bind plain
-- $parameters (an empty Python list has no type of its own). Macro parameters carry a p_
-- prefix so they can never be confused with the columns they are compared to.

CREATE MACRO visit_in_filters(v_province, v_communes, v_date, v_era, p_provinces, p_communes,
                              p_from, p_to, p_eras) AS
    (len(p_provinces::VARCHAR[]) = 0 OR list_contains(p_provinces::VARCHAR[], v_province))
    AND (len(p_communes::VARCHAR[]) = 0 OR list_has_any(v_communes, p_communes::VARCHAR[]))
    AND (p_from::DATE IS NULL OR v_date >= p_from::DATE)
    AND (p_to::DATE IS NULL OR v_date <= p_to::DATE)
    AND (len(p_eras::VARCHAR[]) = 0 OR list_contains(p_eras::VARCHAR[], v_era));

-- The commune filter matches an issue of that commune, or a visit-wide issue of a visit
-- that went there (match_communes); it never makes a visit-wide issue a commune's own.
CREATE MACRO filtered_issues(p_provinces, p_communes, p_categories, p_from, p_to, p_eras)
AS TABLE
SELECT *
FROM fct_issue
WHERE visit_in_filters(province_code, match_communes, visit_date, era, p_provinces,
                       p_communes, p_from, p_to, p_eras)
  AND (len(p_categories::VARCHAR[]) = 0
       OR list_contains(p_categories::VARCHAR[], category_id));

-- With a category filter, a visit counts when it raised at least one such issue that the
-- commune filter matches too (what filtered_issues would return for it). The visit's
-- issue_categories and category_communes ("category|commune") hold that, so the test is a
-- list lookup on the visit's own row, not a subquery over the issues (60-70 ms at 1M).
CREATE MACRO visit_has_category(v_categories, v_category_communes, p_communes, p_categories)
AS len(p_categories::VARCHAR[]) = 0
   OR (len(p_communes::VARCHAR[]) = 0
       AND list_has_any(v_categories, p_categories::VARCHAR[]))
   OR (len(p_communes::VARCHAR[]) > 0
       AND list_has_any(v_category_communes,
                        flatten(list_transform(p_categories::VARCHAR[], lambda c:
                            list_transform(p_communes::VARCHAR[], lambda m: c || '|' || m)))));

-- A visit is in the view: its own filters and the category rule, from its columns (or the
-- copies of them on a proposal's or a visited commune's row).
CREATE MACRO visit_in_view(v_province, v_communes, v_date, v_era, v_categories,
                           v_category_communes, p_provinces, p_communes, p_categories,
                           p_from, p_to, p_eras)
AS visit_in_filters(v_province, v_communes, v_date, v_era, p_provinces, p_communes, p_from,
                    p_to, p_eras)
   AND visit_has_category(v_categories, v_category_communes, p_communes, p_categories);

CREATE MACRO filtered_visits(p_provinces, p_communes, p_categories, p_from, p_to, p_eras)
AS TABLE
SELECT * FROM fct_visit
WHERE visit_in_view(province_code, commune_codes, visit_date, era, issue_categories,
                    category_communes, p_provinces, p_communes, p_categories, p_from, p_to,
                    p_eras);

-- A proposal is in the view when its visit is: the visit's filter columns are on its row.
CREATE MACRO filtered_proposals(p_provinces, p_communes, p_categories, p_from, p_to, p_eras)
AS TABLE
SELECT * FROM fct_proposal
WHERE visit_in_view(province_code, commune_codes, visit_date, era, issue_categories,
                    category_communes, p_provinces, p_communes, p_categories, p_from, p_to,
                    p_eras);

-- The communes of the visits in the view (coverage), from their own rows.
CREATE MACRO filtered_visit_communes(p_provinces, p_communes, p_categories, p_from, p_to,
                                     p_eras)
AS TABLE
SELECT * FROM fct_visit_commune
WHERE visit_in_view(visit_province_code, visit_communes, visit_date, era, issue_categories,
                    category_communes, p_provinces, p_communes, p_categories, p_from, p_to,
                    p_eras);
