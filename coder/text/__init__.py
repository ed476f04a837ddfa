"""Text: documents, sentences and tokens, and the readers of datelines."""
