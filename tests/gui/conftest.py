import pytest
from PySide6.QtCore import QCoreApplication, QSettings


@pytest.fixture(autouse=True)
def _isolated_settings(tmp_path, qapp):
    QCoreApplication.setOrganizationName("StudioTests")
    QCoreApplication.setApplicationName("Studio")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield


@pytest.fixture
def window(qtbot):
    from studio.gui.main_window import MainWindow

    w = MainWindow()
    w.resize(1100, 760)
    w.show()
    qtbot.waitExposed(w)
    yield w
    dispose(w, qtbot)


def dispose(w, qtbot):
    """Close a window the way the app does, without qtbot's hard close (or any blocking question)."""
    for doc in w.repair_panel.docs:
        doc.dirty = False
    w.jobs.shutdown(10000)
    qtbot.wait(20)  # deliver the jobs' last queued signals while their receivers still exist
    w.close()
    w.deleteLater()
