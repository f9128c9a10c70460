"""The unit of work: one short session per operation; leaving without commit rolls back."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from ret_desk.db.constraint_messages import message_for
from ret_desk.domain.errors import RuleViolation, StaleEdit


class UnitOfWork:
    """`with uow: ...; uow.commit()`. A stale versioned write becomes StaleEdit, and a
    write the database refuses (a constraint) a RuleViolation naming the rule."""

    def __init__(self, session_factory: sessionmaker[Session], actor: object | None = None) -> None:
        self._factory = session_factory
        self._session: Session | None = None
        # Whose rows the session reads (need-to-know, issue 12 §2; services/access/rows.py).
        self.actor = actor

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("unit of work used outside its 'with' block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._factory()
        if self.actor is not None:
            self._session.info["actor"] = self.actor
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        assert self._session is not None
        try:
            self._session.rollback()
        finally:
            self._session.close()
            self._session = None
        if isinstance(exc, StaleDataError):
            raise StaleEdit() from exc
        if isinstance(exc, IntegrityError):
            raise RuleViolation(message_for(exc)) from exc

    def flush(self) -> None:
        try:
            self.session.flush()
        except StaleDataError as exc:
            raise StaleEdit() from exc
        except IntegrityError as exc:
            raise RuleViolation(message_for(exc)) from exc

    def commit(self) -> None:
        try:
            self.session.commit()
        except StaleDataError as exc:
            raise StaleEdit() from exc
        except IntegrityError as exc:
            raise RuleViolation(message_for(exc)) from exc
