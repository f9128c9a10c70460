"""The PySide6 desktop front end. Talks only to services; never to the store directly."""
