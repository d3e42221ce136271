"""Production: creatives and the content calendar, made from an approved strategy."""
