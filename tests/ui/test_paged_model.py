"""The list models on their own, without a view or any other widget (ARCHITECTURE: model
tests need no widgets): PagedTableModel's paging, roles and dropped stale pages; the grid
and cell models of dialogs; and the case, audit and capacity models against a real store."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt

from ret_desk.domain.enums import Role
from ret_desk.services.admin.audit_query import AuditFilter
from ret_desk.services.context import Workspace
from ret_desk.services.demo import demo_data
from ret_desk.ui.audit.log_model import AuditLogModel
from ret_desk.ui.cases.list_model import CASE_NUMBER_ROLE, COL_NUMBER, CaseListModel
from ret_desk.ui.grid import GridModel
from ret_desk.ui.ops import Op
from ret_desk.ui.paged_model import ID_ROLE, ROW_ROLE, PagedTableModel
from ret_desk.ui.placement.tables import CellsModel

WAIT = 10_000
DISPLAY, TOOLTIP, EDIT = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole


@dataclass(frozen=True)
class Fruit:
    id: int
    name: str


class FruitModel(PagedTableModel[Fruit]):
    """Pages by key from a list standing in for a service; `calls` records each query."""

    HEADERS = ("Nummer", "Naam")
    PAGE_SIZE = 3

    def __init__(self, fruits: list[Fruit]) -> None:
        super().__init__()
        self.fruits = fruits
        self.calls: list[str] = []
        self.gate: threading.Event | None = None  # holds a next page back until set

    def display(self, row: Fruit, column: int) -> str:
        return (str(row.id), row.name)[column]

    def tooltip(self, row: Fruit, column: int) -> str | None:
        return f"{row.name} ({row.id})" if column == 1 else None

    def first_page(self):  # noqa: ANN201
        fruits = list(self.fruits)
        self.calls.append("first")
        return lambda: (len(fruits), fruits[: self.PAGE_SIZE])

    def next_page(self, last: Fruit, loaded: int):  # noqa: ANN201
        fruits, gate = list(self.fruits), self.gate
        self.calls.append(f"after {last.id}")

        def page() -> list[Fruit]:
            if gate is not None:
                gate.wait(WAIT / 1000)
            return [f for f in fruits if f.id > last.id][: self.PAGE_SIZE]

        return page


def fruits(n: int) -> list[Fruit]:
    return [Fruit(i, f"vrucht {i}") for i in range(1, n + 1)]


def idle(qtbot) -> None:  # noqa: ANN001
    qtbot.waitUntil(lambda: Op.pending() == 0, timeout=WAIT)


def shown(model: PagedTableModel, column: int = 0) -> list[str]:
    return [model.index(r, column).data() for r in range(model.rowCount())]


def test_a_paged_model_loads_page_by_page_by_key_until_all_rows_are_in(qtbot):
    model = FruitModel(fruits(7))
    assert model.rowCount() == 0 and not model.canFetchMore()
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    assert model.total == 7 and model.canFetchMore()
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 6, timeout=WAIT)
    model.fetchMore()
    qtbot.waitUntil(lambda: model.rowCount() == 7, timeout=WAIT)
    assert not model.canFetchMore()
    assert shown(model) == [str(i) for i in range(1, 8)]
    assert model.calls == ["first", "after 3", "after 6"]  # keyed on the last row, not an offset


def test_a_paged_model_answers_headers_roles_and_tooltips(qtbot):
    model = FruitModel(fruits(2))
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 2, timeout=WAIT)
    header = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert header == ["Nummer", "Naam"]
    second = model.index(1, 1)
    assert second.data(DISPLAY) == "vrucht 2" and second.data(TOOLTIP) == "vrucht 2 (2)"
    assert second.data(ROW_ROLE) == Fruit(2, "vrucht 2") and second.data(ID_ROLE) == 2
    assert model.index(1, 0).data(TOOLTIP) is None
    assert model.row_of(2) == 1 and model.row_of(99) == -1


def test_a_page_of_an_older_query_is_dropped(qtbot):
    # Given a first page, and a next page asked for that is held back
    model = FruitModel(fruits(7))
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    model.gate = threading.Event()
    model.fetchMore()
    # When the query changes, and its first page is in before the old next page
    model.fruits = fruits(2)
    model.reload()
    qtbot.waitUntil(lambda: shown(model) == ["1", "2"], timeout=WAIT)
    model.gate.set()
    idle(qtbot)
    # Then the old page is dropped: only the new query's rows show
    assert shown(model) == ["1", "2"] and model.total == 2 and not model.is_loading


def test_a_list_that_shrank_stops_asking_for_more(qtbot):
    model = FruitModel(fruits(5))
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() == 3, timeout=WAIT)
    model.fruits = fruits(3)  # two rows went away meanwhile
    model.fetchMore()
    idle(qtbot)
    assert model.rowCount() == 3 and not model.canFetchMore()


def test_a_short_list_is_set_whole_and_never_fetches():
    model = FruitModel([])
    model.set_rows(fruits(4))
    assert model.rowCount() == 4 and model.total == 4 and not model.canFetchMore()
    model.remove_row(0)
    assert shown(model) == ["2", "3", "4"] and model.total == 3
    model.replace_row(0, Fruit(2, "peer"))
    assert model.index(0, 1).data() == "peer"


def test_a_grid_edits_only_its_editable_cells_and_shows_labels():
    grid = GridModel(["Naam", "Gedaan"], editable=[1], labels={0: str.upper})
    row = grid.add_row({0: "bel school", 1: False, "id": 7})
    assert grid.index(row, 0).data() == "BEL SCHOOL" and grid.index(row, 1).data() == ""
    assert not grid.setData(grid.index(row, 0), "iets anders", EDIT)
    assert grid.setData(grid.index(row, 1), True, EDIT)
    assert grid.value(row, 1) is True and grid.index(row, 1).data(EDIT) is True
    assert grid.rows[row]["id"] == 7
    assert grid.flags(grid.index(row, 1)) & Qt.ItemFlag.ItemIsEditable
    assert not grid.flags(grid.index(row, 0)) & Qt.ItemFlag.ItemIsEditable


def test_a_cells_list_keeps_one_payload_per_row():
    model = CellsModel(["A", "B"])
    model.set_cells([["1", "een"], ["2", "twee"]], ["eerste", "tweede"])
    assert model.index(1, 1).data() == "twee" and model.index(1, 1).data(TOOLTIP) == "twee"
    assert model.index(1, 0).data(ROW_ROLE) == "tweede"


def test_the_case_list_pages_sorts_and_knows_a_row_by_its_number(qtbot, sqlite_store, actors_sqlite):
    admin = Workspace(sqlite_store, actors_sqlite[Role.ADMIN])
    admin.call(demo_data.generate, youths=30, seed=3)
    model = CaseListModel(Workspace(sqlite_store, actors_sqlite[Role.COORDINATOR]))
    model.PAGE_SIZE = 200
    model.sort(COL_NUMBER, Qt.SortOrder.AscendingOrder)
    assert model.rowCount() == 0  # sorting before the first load only remembers
    model.reload()
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.is_loading, timeout=WAIT)
    numbers = shown(model, COL_NUMBER)
    assert numbers == sorted(numbers) and len(numbers) == model.total
    assert model.index(0, 3).data(CASE_NUMBER_ROLE) == numbers[0]


def test_the_audit_log_pages_by_event_id(qtbot, sqlite_store, actors_sqlite):
    auditor = Workspace(sqlite_store, actors_sqlite[Role.AUDITOR])
    admin = Workspace(sqlite_store, actors_sqlite[Role.ADMIN])
    admin.call(demo_data.generate, youths=5, seed=4)
    model = AuditLogModel(auditor)
    model.PAGE_SIZE = 200
    model.set_filter(AuditFilter(date_from=date(2000, 1, 1)))
    qtbot.waitUntil(lambda: model.rowCount() > 0 and not model.is_loading, timeout=WAIT)
    ids = [model.index(r, 0).data(ID_ROLE) for r in range(model.rowCount())]
    assert ids == sorted(ids, reverse=True)  # newest first
