"""Analysis: what is learnt from the model: script conversion, annotations, collation, terms."""
