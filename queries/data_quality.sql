-- Counts that describe the dataset's quality: records by review status (all, including
-- drafts), visit date precision, issue place precision, place conversions.
-- params:
-- returns: measure, value, record_count
SELECT measure, value, record_count FROM mart_data_quality ORDER BY measure, value
