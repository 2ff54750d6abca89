"""Durable storage: the only package that touches TinyDB and the data file."""
