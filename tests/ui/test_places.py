"""File dialogs start in the user's documents folder, not in the program's folder."""

from __future__ import annotations

from pathlib import Path

from ret_desk.ui.places import documents_folder


def test_file_dialogs_start_outside_the_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # a desktop start runs in the installation folder
    folder = documents_folder()
    assert folder.is_dir() and folder != Path.cwd()
    assert folder == Path.home() or Path.home() in folder.parents
