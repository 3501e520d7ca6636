"""Calendar knowledge shared by the clean and time stages: month and weekday words, publication dates."""
