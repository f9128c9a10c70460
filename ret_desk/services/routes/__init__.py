"""The route records of RO3, MDA++ and RST: one module per route, plus what they share."""
