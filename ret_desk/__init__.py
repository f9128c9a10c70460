"""RET Desk: the desktop application of the Regionaal Expertteam Jeugd Drenthe."""

__version__ = "0.1.0"
