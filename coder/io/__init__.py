"""Input readers and output writers."""
