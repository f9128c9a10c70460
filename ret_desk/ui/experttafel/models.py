"""Qt table models of the Experttafel workspace: the sitting list (left) and the agenda
of the open sitting (right). PagedTableModels filled whole with `set_rows` from service
results (a region has tens of sittings, a sitting tens of items); they never query."""

from __future__ import annotations

from ret_desk.domain.dutch_dates import short_date
from ret_desk.services.experttafel.advice_views import ItemView
from ret_desk.services.experttafel.sittings import SessionRow
from ret_desk.ui.dutch import count
from ret_desk.ui.paged_model import ID_ROLE, PagedTableModel

__all__ = ["ID_ROLE", "AgendaModel", "SessionListModel"]


class SessionListModel(PagedTableModel[SessionRow]):
    """Feeds the sitting list of ExperttafelWorkspace."""

    COL_DATE, COL_TIME, COL_STATUS, COL_ITEMS, COL_CHAIR = range(5)
    HEADERS = ("Datum", "Tijd", "Status", "Casussen", "Voorzitter")

    def display(self, row: SessionRow, column: int) -> str:
        return (
            short_date(row.held_on),
            row.start_time,
            row.status.label,
            f"{row.advised}/{row.items}" if row.items else "0",
            row.chair,
        )[column]

    def tooltip(self, row: SessionRow, column: int) -> str | None:
        if column == self.COL_ITEMS:
            return f"{count(row.items, 'casus', 'casussen')} op de agenda, {row.advised} met advies"
        return None


class AgendaModel(PagedTableModel[ItemView]):
    """Feeds the agenda table of SessionView."""

    COL_POS, COL_TIME, COL_CASE, COL_YOUTH, COL_QUESTION, COL_ADVICE, COL_SIGNALS = range(7)
    HEADERS = ("#", "Tijd", "Casus", "Jeugdige", "Vraagstelling", "Advies", "Signalen")

    def __init__(self, parent=None) -> None:  # noqa: ANN001
        super().__init__(parent)
        self.youths: dict[str, str] = {}

    def set_agenda(self, items: list[ItemView], youths: dict[str, str], *, keep: bool = False) -> None:
        """Show a sitting's agenda; `keep` (the same sitting again) keeps selection and scroll."""
        self.youths = youths
        (self.refresh_rows if keep else self.set_rows)(items)

    def display(self, item: ItemView, column: int) -> str:
        return (
            str(item.position),
            f"{item.slot_start} ({item.slot_minutes}′)",
            item.case_number,
            self.youths.get(item.case_number, ""),
            " ".join(item.question.split()),
            item.advice_type.label if item.advice_type else "—",
            ", ".join(s.code.label for s in item.signals),
        )[column]

    def tooltip(self, item: ItemView, column: int) -> str | None:
        if column == self.COL_QUESTION:
            return item.question
        if column == self.COL_SIGNALS:
            return "\n".join(s.message for s in item.signals) or None
        return None
