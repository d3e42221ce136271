"""Reporting: campaign performance, KPIs, alerts, outreach efficiency and attribution."""
