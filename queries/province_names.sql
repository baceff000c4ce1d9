-- The official names of the 34 provinces ("Tỉnh Nghệ An", "Thành phố Hà Nội"), for titles.
-- params:
-- returns: province_code, province_name
SELECT province_code, province_name FROM dim_province ORDER BY province_code
