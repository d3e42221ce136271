"""Production's generation rules as pure functions (spec section 3), one concern per file."""
