"""Who does something: the logged-in account, on whose behalf, at which workstation."""

from __future__ import annotations

from dataclasses import dataclass

from ret_desk.domain.enums import Role


@dataclass(frozen=True, slots=True)
class Actor:
    account_id: int | None
    username: str
    role: Role
    workstation: str
    on_behalf_of: str = ""
    """Filled when someone acts for another (e.g. a coordinator for the RET duty officer)."""
