"""The use cases: the only write path to the store. Each checks the role, applies the
domain rules and writes the audit log."""
