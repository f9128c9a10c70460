"""Cases: intake, editing, routing, lists, detail, import/export."""
