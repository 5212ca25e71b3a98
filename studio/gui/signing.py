"""Settings ▸ Signing Certificate…: content credentials signed with the user's own certificate."""
from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from ..core.credentials import load_credentials
from ..core.errors import StudioError

KEYS = ("c2pa/cert", "c2pa/key")
ENV = ("STUDIO_C2PA_CERT", "STUDIO_C2PA_KEY")


def apply_saved(settings) -> None:
    """Point the signer at the certificate chosen earlier (the core reads it from the environment)."""
    for key, env in zip(KEYS, ENV):
        value = settings.get(key, "", str)
        if value:
            os.environ[env] = value
        else:
            os.environ.pop(env, None)


def choose(parent: QWidget, settings) -> bool:
    """Ask for a PEM certificate chain and its key; check they load; keep them. Cancel keeps what was set."""
    pem = QCoreApplication.translate("MainWindow", "PEM files (*.pem *.crt *.key);;All files (*)")
    title = QCoreApplication.translate("MainWindow", "Signing Certificate")
    cert, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("MainWindow", "Signing Certificate Chain"), str(Path.home()), pem)
    if not cert:
        back = QCoreApplication.translate("MainWindow", "Go back to this installation's own signing key?")
        if settings.get(KEYS[0], "", str) and \
                QMessageBox.question(parent, title, back) == QMessageBox.StandardButton.Yes:
            for key in KEYS:
                settings.set(key, "")
            apply_saved(settings)
        return False
    key, _ = QFileDialog.getOpenFileName(
        parent, QCoreApplication.translate("MainWindow", "Private Key of That Certificate"), str(Path(cert).parent),
        pem)
    if not key:
        return False
    try:
        load_credentials(cert, key)
    except StudioError as exc:
        QMessageBox.warning(parent, title, str(exc))
        return False
    settings.set(KEYS[0], cert)
    settings.set(KEYS[1], key)
    apply_saved(settings)
    return True
