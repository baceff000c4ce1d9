-- Dimensions: geography of 2025 (from vietnamadminunits) and the codebook.

CREATE MACRO fold_text(s) AS trim(regexp_replace(
    strip_accents(replace(replace(lower(s), 'đ', 'd'), 'ð', 'd')), '\s+', ' ', 'g'));

-- Geometry (WKB, EPSG:4326) comes from the committed data/geo layers: approximate unless
-- official boundaries were imported (geometry_source says which).
CREATE TABLE dim_province AS
SELECT p.province_code, p.province_name, p.province_short_name, p.lat, p.lon, p.area_km2,
       p.commune_count, s.geometry_wkb, s.geometry_source
FROM raw_provinces p
LEFT JOIN raw_province_shapes s ON s.code = p.province_code
ORDER BY p.province_code;

CREATE TABLE dim_commune AS
SELECT c.commune_code, c.commune_name, c.commune_short_name, c.commune_type,
       c.province_code, p.province_short_name AS province_name, c.lat, c.lon, c.area_km2,
       s.geometry_wkb, s.geometry_source
FROM raw_communes c
JOIN raw_provinces p USING (province_code)
LEFT JOIN raw_commune_shapes s ON s.code = c.commune_code
ORDER BY c.commune_code;

CREATE TABLE dim_category AS
SELECT category_id, label_vi, label_en, definition_vi, definition_en, examples, sort_order
FROM raw_categories
ORDER BY sort_order;
