"""Need-to-know (issue 12 §2): the rows each role may read, and emergency access."""
