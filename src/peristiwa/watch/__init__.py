"""Following news feeds: poll sources, store new articles as they appear, raise watch-list alerts."""
