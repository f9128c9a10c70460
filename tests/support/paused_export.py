"""`ret-desk`, with a pause in the middle of `export cases`, for the kill test
(tests/test_side_file_kill.py).

After the first case's row has gone to the writer it touches the file named by
RET_DESK_TEST_READY and sleeps, so that the test kills the process at a known moment,
with the side file open, instead of guessing with a store big enough to be slow on a
busy machine. Nothing else differs from the real command line: same entry point, same
store, same export; the pause lives here, not in RET Desk.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

from ret_desk.cli import main
from ret_desk.services.cases import exporter

_real_rows = exporter._rows


def _paused_rows(session, seen):  # noqa: ANN001, ANN202
    for number, row in enumerate(_real_rows(session, seen)):
        yield row
        if number == 1:  # the first row has been written; the second is being written
            Path(os.environ["RET_DESK_TEST_READY"]).touch()
            time.sleep(300)


exporter._rows = _paused_rows

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
