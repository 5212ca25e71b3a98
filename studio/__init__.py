"""Studio: photo repair, face generation, video repair and model training."""

__version__ = "0.1.0"
