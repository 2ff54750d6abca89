"""The Textual app: Today, Focus, and the screens around them."""
