"""`python -m ret_desk` runs the command line (and with no command, the app)."""

import sys

from ret_desk.cli import main

sys.exit(main())
