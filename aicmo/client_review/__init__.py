"""Client review: the package of QC-passed creatives, the client's feedback and revision plans."""
