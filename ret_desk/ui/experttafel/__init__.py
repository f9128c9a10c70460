"""The Experttafel workspace: sittings, agenda, advice, follow-up and printing."""
