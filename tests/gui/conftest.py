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
    from PySide6.QtWidgets import QApplication

    from studio.gui.main_window import MainWindow

    before = {id(t) for t in QApplication.topLevelWidgets()}
    w = MainWindow()
    w.resize(1100, 760)
    w.show()
    qtbot.waitExposed(w)
    yield w
    dispose(w, qtbot)
    # Like napari's viewer fixture: a test that leaves windows or dialogs open fails.
    leaked = [t for t in QApplication.topLevelWidgets()
              if id(t) not in before and t is not w and t.isVisible() and not t.inherits("QMenu")]
    assert not leaked, f"top-level widgets left open: {[type(t).__name__ for t in leaked]}"


def dispose(w, qtbot):
    """Close a window the way the app does, without qtbot's hard close (or any blocking question)."""
    for doc in w.repair_panel.docs:
        doc.dirty = False
    w.jobs.shutdown(10000)
    qtbot.wait(20)  # deliver the jobs' last queued signals while their receivers still exist
    w.close()
    w.deleteLater()
