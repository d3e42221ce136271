"""Retention: renewal risk, lifecycle stage and upsell opportunities."""
