"""Pillars, topics, sectors, countries and regions, and the consultations that use them."""
