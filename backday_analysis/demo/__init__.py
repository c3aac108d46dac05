"""The demo data folder: six seeded clients whose logs tell the stories the reports are about."""
