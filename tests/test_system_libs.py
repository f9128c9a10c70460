"""`make run` on a bare Debian/Ubuntu desktop: installer/linux/qt-system-libs.sh knows every
system library Qt's xcb plugin links, and names the packages to install when they lack."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SCRIPT = ROOT / "installer" / "linux" / "qt-system-libs.sh"


def _qt_dir() -> Path:
    import PySide6

    return Path(PySide6.__file__).parent / "Qt"


def _checked_sonames() -> set[str]:
    out = subprocess.run([SCRIPT, "--sonames"], capture_output=True, text=True, check=True).stdout
    return set(out.split())


def _fake_ldconfig(folder: Path, sonames: set[str]) -> dict[str, str]:
    folder.mkdir()
    lines = "".join(f"\t{name} (libc6,x86-64) => /usr/lib/{name}\\n" for name in sorted(sonames))
    fake = folder / "ldconfig"
    fake.write_text(f'#!/bin/sh\nprintf "{len(sonames)} libs found in cache\\n{lines}"\n')
    fake.chmod(fake.stat().st_mode | stat.S_IEXEC)
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env["PATH"] = f"{folder}:{env['PATH']}"
    return env


@pytest.mark.skipif(shutil.which("ldd") is None, reason="ldd niet gevonden")
def test_every_x_library_the_xcb_plugin_links_is_checked():
    # The plugin and Qt's xcb layer, as PySide6 ships them; a PySide6 upgrade that needs a
    # new X library makes this fail until the script knows it.
    qt = _qt_dir()
    xcb_layer = sorted((qt / "lib").glob("libQt6XcbQpa.so*"))[:1]
    binaries = [qt / "plugins" / "platforms" / "libqxcb.so", *xcb_layer]
    linked: set[str] = set()
    for binary in binaries:
        out = subprocess.run(["ldd", str(binary)], capture_output=True, text=True, check=True).stdout
        linked |= {line.split()[0] for line in out.splitlines() if line.strip()}
    prefixes = ("libxcb", "libxkb", "libX11", "libEGL", "libGL.", "libfontconfig")
    x_libs = {name for name in linked if name.startswith(prefixes)}
    assert x_libs, "ldd found no X libraries: wrong plugin path?"
    assert x_libs <= _checked_sonames(), sorted(x_libs - _checked_sonames())
    # dlopened at run time, so ldd cannot show it; the script must check it anyway
    assert "libxcb-cursor.so.0" in _checked_sonames()


def test_a_bare_machine_gets_the_one_command_to_run(tmp_path):
    env = _fake_ldconfig(tmp_path / "bin", {"libc.so.6"})
    result = subprocess.run([SCRIPT, "--print"], capture_output=True, text=True, env=env)
    assert result.returncode == 1
    command = [line for line in result.stderr.splitlines() if "apt-get install" in line]
    assert len(command) == 1
    for package in ("libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libxkbcommon-x11-0"):
        assert package in command[0].split()


def test_a_complete_machine_passes_quietly(tmp_path):
    env = _fake_ldconfig(tmp_path / "bin", _checked_sonames())
    result = subprocess.run([SCRIPT, "--print"], capture_output=True, text=True, env=env)
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")
