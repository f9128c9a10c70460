"""The one import pipeline, a shared base of every area: read a file safely, validate
every row, report every error by row and column, write unless dry-run, audit."""
