"""`aicmo migrate report --format html`: the migration status as one self-contained page."""
from aicmo.strangler.migration.html_report.page import render_page
from aicmo.strangler.migration.html_report.report_data import ReportData, read_report

__all__ = ["ReportData", "read_report", "render_page"]
