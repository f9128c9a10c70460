"""The Cases workspace: list, detail, and the dialogs to register, route and note."""
