"""Dutch for Qt's own dialogs (file, print, message boxes, standard buttons) and for every
number Qt shows: Qt's Dutch translations and a Dutch default locale.

PySide6 ships `qtbase_nl.qm` in its translations folder; `resources/i18n/` is the place
for a copy (or for our own `.qm` files) when an installation lacks it.
"""

from __future__ import annotations

from importlib.resources import as_file, files

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

DUTCH = QLocale(QLocale.Language.Dutch, QLocale.Country.Netherlands)
QT_CATALOGS = ("qtbase_nl",)


def _load(translator: QTranslator, name: str) -> bool:
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(name, folder):
        return True
    shipped = files("ret_desk.resources").joinpath("i18n", f"{name}.qm")
    if shipped.is_file():
        with as_file(shipped) as path:
            return translator.load(str(path))
    return False


def install_dutch(app: QCoreApplication) -> list[QTranslator]:
    """Make Dutch the default locale and load Qt's Dutch catalogues; returns the loaded
    translators (the app keeps them alive)."""
    QLocale.setDefault(DUTCH)
    loaded = []
    for name in QT_CATALOGS:
        translator = QTranslator(app)
        if _load(translator, name):
            app.installTranslator(translator)
            loaded.append(translator)
    return loaded
