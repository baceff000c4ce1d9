-- Dimensions: geography of 2025 (from vietnamadminunits) and the codebook.

CREATE MACRO fold_text(s) AS trim(regexp_replace(
    strip_accents(replace(replace(lower(s), 'đ', 'd'), 'ð', 'd')), '\s+', ' ', 'g'));

CREATE TABLE dim_province AS
SELECT province_code, province_name, province_short_name, lat, lon, area_km2, commune_count
FROM raw_provinces
ORDER BY province_code;

CREATE TABLE dim_commune AS
SELECT c.commune_code, c.commune_name, c.commune_short_name, c.commune_type,
       c.province_code, p.province_short_name AS province_name, c.lat, c.lon, c.area_km2
FROM raw_communes c
JOIN raw_provinces p USING (province_code)
ORDER BY c.commune_code;

CREATE TABLE dim_category AS
SELECT category_id, label_vi, label_en, definition_vi, definition_en, examples, sort_order
FROM raw_categories
ORDER BY sort_order;
