"""QC: quality checks on creatives, the calendar, the strategy document and the intake."""
