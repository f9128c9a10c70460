"""The case import's youth checks: a row about a youth already stored (same BSN) may not
change that youth unless `--werk-jeugdige-bij`, and a row that may be about a stored
youth (same name and birth date) is refused unless `--nieuwe-jeugdige` confirms it is new.

Rows are checked against the store and against the rows before them in the same file.
"""

from __future__ import annotations

from dataclasses import replace

from sqlalchemy.orm import Session

from ret_desk.domain.referral import ReferralDraft, normalised
from ret_desk.domain.youth_identity import IMPORT_FIELDS, YouthFacts, differences, normalise_name
from ret_desk.services.cases.youth_identity import (
    case_numbers,
    facts_of_draft,
    facts_of_youth,
    find_by_bsn,
    municipality_names,
    name_candidates,
)
from ret_desk.services.imports.cells import RowError

UPDATE_FLAG = "--werk-jeugdige-bij"
NEW_FLAG = "--nieuwe-jeugdige"


class ImportIdentity:
    def __init__(self, session: Session, *, update_youth: bool, new_youth: bool) -> None:
        self._session = session
        self._update = update_youth
        self._new = new_youth
        self._names = municipality_names(session)
        self._rows_by_bsn: dict[str, tuple[int, YouthFacts]] = {}
        self._rows_by_name: dict[tuple, list[tuple[int, str | None]]] = {}
        #: Youths whose case numbers an error message showed: their reads are audited.
        self.shown: set[int] = set()

    @property
    def take(self) -> tuple[str, ...]:
        """The fields a row may change in a stored youth."""
        return IMPORT_FIELDS if self._update else ()

    def check(self, row: int, draft: ReferralDraft) -> list[RowError]:
        draft = normalised(replace(draft))
        new = facts_of_draft(draft)
        if draft.bsn:
            stored = find_by_bsn(self._session, draft.bsn)
            earlier = self._rows_by_bsn.get(draft.bsn)
            if stored is not None or earlier is not None:
                return self._compare(row, new, stored, earlier)
            self._rows_by_bsn[draft.bsn] = (row, new)
        return self._possible_same(row, draft)

    def _compare(
        self,
        row: int,
        new: YouthFacts,
        stored,
        earlier: tuple[int, YouthFacts] | None,  # noqa: ANN001
    ) -> list[RowError]:
        if self._update:
            return []
        errors = []
        if stored is not None:
            for field in differences(facts_of_youth(stored), new, IMPORT_FIELDS):
                errors.append(
                    RowError(
                        row,
                        field,
                        "wijkt af van de opgeslagen jeugdige met dit BSN; "
                        f"gebruik {UPDATE_FLAG} om die jeugdige bij te werken.",
                    )
                )
        if earlier is not None:
            first, facts = earlier
            for field in differences(facts, new, IMPORT_FIELDS):
                errors.append(
                    RowError(
                        row,
                        field,
                        f"wijkt af van rij {first} met hetzelfde BSN; "
                        f"gebruik {UPDATE_FLAG} om de jeugdige bij te werken.",
                    )
                )
        return errors

    def _possible_same(self, row: int, draft: ReferralDraft) -> list[RowError]:
        key = (normalise_name(draft.family_name), normalise_name(draft.given_name), draft.birth_date)
        earlier = [
            n for n, bsn in self._rows_by_name.get(key, []) if not (bsn and draft.bsn)
        ]  # two BSNs: two children
        self._rows_by_name.setdefault(key, []).append((row, draft.bsn))
        if self._new:
            return []
        found = name_candidates(self._session, draft)
        if not found and not earlier:
            return []
        parts = []
        for youth in found:
            self.shown.add(youth.id)
            numbers = ", ".join(case_numbers(self._session, youth.id))
            parts.append(f"casus {numbers} ({self._names.get(youth.municipality.cbs_code, '')})")
        parts += [f"rij {n}" for n in earlier]
        return [
            RowError(
                row,
                "achternaam",
                f"mogelijk dezelfde jeugdige als {'; '.join(parts)} (zelfde naam en geboortedatum); "
                f"gebruik {NEW_FLAG} om toch een nieuwe jeugdige aan te maken.",
            )
        ]
