"""AICMO: the back office of a software-run marketing agency."""
