"""What every panel shares: jobs, the compute device, settings and the model catalogue, with change signals.

Panels receive an :class:`AppContext` instead of the main window, so they can be
built and tested alone, and they learn about a new device or a new model by
subscribing to ``deviceChanged`` / ``modelsChanged`` — never by being poked.
"""
from __future__ import annotations

import torch
from PySide6.QtCore import QObject, Signal

from ..core import device as devices
from ..core.errors import StudioError
from .jobs import Job, JobRegistry
from .settings import Settings


class AppContext(QObject):
    deviceChanged = Signal(object)  # torch.device
    modelsChanged = Signal(str)  # the name of a model just added or replaced
    jobStarted = Signal(object, str)  # a job the window shows in its status bar, and its label

    def __init__(self, settings: Settings | None = None, jobs: JobRegistry | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.settings = settings or Settings()
        self.jobs = jobs or JobRegistry(self)
        try:
            self._device = devices.pick_device(self.settings.get("device", "auto", str))
        except StudioError:
            self._device = devices.pick_device("auto")

    @property
    def device(self) -> torch.device:
        return self._device

    def set_device(self, name: str) -> torch.device:
        """Switch every model to ``name`` ("auto", "cpu", "cuda:0", …); raises StudioError if unavailable."""
        dev = devices.pick_device(name)
        self.settings.set("device", name)
        if dev != self._device:
            self._device = dev
            self.deviceChanged.emit(dev)
        return dev

    def models_changed(self, name: str = "") -> None:
        from ..core.photo.methods import forget_models

        forget_models()  # the learned repair method picks up the new model on its next use
        self.modelsChanged.emit(name)

    def run_job(self, job: Job, label: str) -> Job:
        """Start a job the user waits for: the window shows its progress and a Cancel button."""
        if not self.jobs.accepting:
            return job  # closing: nothing new starts
        job.label = label
        self.jobStarted.emit(job, label)
        self.jobs.start(job)
        return job
