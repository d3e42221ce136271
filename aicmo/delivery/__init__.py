"""Delivery: the approved package as a zip, behind the QC and client-approval gate."""
