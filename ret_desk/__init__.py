"""RET Desk: the desktop application of a Regionaal Expertteam Jeugd (RET); the region is data."""

__version__ = "0.1.0"
