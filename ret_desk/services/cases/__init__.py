"""Cases after intake: editing, the change history, and the GVA gate (issue 8)."""
