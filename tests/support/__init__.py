"""Test helpers that stand in for things outside our world (the SMS gateway)."""
