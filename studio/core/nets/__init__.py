"""Network definitions: pure ``nn.Module``s with small dataclass configs."""


class TupleFieldsConfig:
    """to_dict / from_dict for network configs whose tuple fields travel as JSON lists."""

    def to_dict(self) -> dict:
        from dataclasses import asdict

        return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(self).items()}

    @classmethod
    def from_dict(cls, d: dict):
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in known.items()})

