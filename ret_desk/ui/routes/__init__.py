"""The route records in the desktop app: one tab in the case detail per route (RO3, MDA++, RST)."""
