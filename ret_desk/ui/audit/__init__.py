"""The Logboek workspace (NEN 7513): the audit log, filtered, paged and exported."""
