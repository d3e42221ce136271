"""cam's rules as plain functions over plain values, exactly as legacy computes them (spec section 10)."""
