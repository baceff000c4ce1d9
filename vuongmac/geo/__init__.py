"""Administrative geography of 2025: units, gazetteer, geometry."""
