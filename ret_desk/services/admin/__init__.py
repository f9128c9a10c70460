"""Administration use cases: accounts, the audit log for the auditor, region settings, the store."""
