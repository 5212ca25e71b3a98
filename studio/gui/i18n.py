"""Choosing and installing the interface language."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from ..core.paths import resources_dir

# Codes with a translation in resources/i18n; English is the source language.
LANGUAGES = {"en": "English", "zh_CN": "简体中文"}


def system_language() -> str:
    name = QLocale.system().name()  # e.g. zh_CN, zh_TW, en_GB
    if name.startswith("zh") and not name.startswith(("zh_TW", "zh_HK")):
        return "zh_CN"
    return "en"


def resolve(setting: str | None) -> str:
    """The language to use for a setting of "auto" (follow the system) or a code."""
    if setting in LANGUAGES:
        return setting
    return system_language()


def install(app: QApplication, code: str) -> list[QTranslator]:
    """Install Studio's translation and Qt's own (standard dialogs) for ``code``; English needs none."""
    installed: list[QTranslator] = []
    if code == "en":
        return installed
    ours = QTranslator(app)
    if ours.load(str(resources_dir() / "i18n" / f"studio_{code}.qm")):
        app.installTranslator(ours)
        installed.append(ours)
    qt = QTranslator(app)
    if qt.load(f"qtbase_{code}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
