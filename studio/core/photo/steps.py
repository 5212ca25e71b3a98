"""What each photo operation contributes to an output's provenance (see ``core.provenance``)."""
from __future__ import annotations

from ..provenance import Provenance


def repaired(method: str) -> Provenance:
    from .methods import METHODS

    spec = METHODS.get(method)
    if spec is None or not spec.learned:
        return Provenance([f"repaired ({method})"])
    from .neural_inpaint import default_inpaint_model

    info = default_inpaint_model()
    return Provenance([f"repaired ({method})"], learned=True, models=[info.name] if info is not None else [])


def detected(detector: str) -> Provenance:
    from .damage import learned_available

    if detector == "learned" or (detector == "auto" and learned_available()):
        from .damage_learned import default_damage_model

        info = default_damage_model()
        return Provenance(["damage detected (learned)"], learned=True, models=[info.name] if info is not None else [])
    return Provenance(["damage detected (classical)"])


def restored(options) -> Provenance:
    from .methods import default_method

    made = detected(options.detector) + repaired(options.method or default_method())
    if options.enhance:
        made += Provenance(["fading and noise corrected where measured"])
    return made


def enhanced(settings) -> Provenance:
    return Provenance([f"enhanced ({settings.describe()})"])
