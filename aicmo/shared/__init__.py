"""The shared kernel: only what is truly shared and free of business rules."""
