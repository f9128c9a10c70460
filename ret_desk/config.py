"""Settings in one typed place: which store to open (default: SQLite in the user data dir)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "RET Desk"
APP_AUTHOR = "RET Drenthe"
ENV_DB = "RET_DESK_DB"
ENV_PASSWORD = "RET_DESK_PASSWORD"
ENV_BACKUP_DIR = "RET_DESK_BACKUP_DIR"


def default_store_path() -> Path:
    return Path(user_data_dir("ret-desk", APP_AUTHOR)) / "ret-desk.sqlite"


def backup_folder() -> Path:
    """Where `ret-desk db upgrade` puts the pg_dump of a PostgreSQL store before upgrading it."""
    return Path(os.environ.get(ENV_BACKUP_DIR) or Path(user_data_dir("ret-desk", APP_AUTHOR)) / "backups")


def side_file_journal() -> Path:
    """Where RET Desk notes the side files (`*.deel`) it is writing, so that a start after a
    crash removes what a killed export or print left (db/private_files.py)."""
    return Path(user_data_dir("ret-desk", APP_AUTHOR)) / "side-files"


def default_store_url() -> str:
    return f"sqlite:///{default_store_path().as_posix()}"


@dataclass(frozen=True, slots=True)
class Settings:
    store_url: str

    @classmethod
    def resolve(cls, db_arg: str | None = None, environ: dict[str, str] | None = None) -> Settings:
        """--db wins over RET_DESK_DB, which wins over the default SQLite file."""
        env = os.environ if environ is None else environ
        return cls(store_url=db_arg or env.get(ENV_DB) or default_store_url())
