"""The Regie-op-plaatsing workspace: capacity board, requests, matching, placement timeline."""
