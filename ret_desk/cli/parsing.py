"""Argument types the command line shares: a date in the two ways people write one."""

from __future__ import annotations

import argparse
from datetime import date, datetime


def parse_date(value: str) -> date:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y"):
        try:
            return datetime.strptime(value.strip(), pattern).date()
        except ValueError:
            continue
    raise argparse.ArgumentTypeError(f"geen datum: '{value}' (gebruik JJJJ-MM-DD of DD-MM-JJJJ)")
