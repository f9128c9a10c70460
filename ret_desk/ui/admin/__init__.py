"""The Beheer workspace (accounts, terms and settings, the store) and the password dialogs."""
