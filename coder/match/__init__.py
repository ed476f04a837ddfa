"""Matching: actor mentions in a sentence, then the event patterns around them."""
