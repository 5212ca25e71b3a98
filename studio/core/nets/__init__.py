"""Network definitions: pure ``nn.Module``s with small dataclass configs."""
