"""The demo data folder: eight seeded clients whose logs tell the stories the reports are about."""
