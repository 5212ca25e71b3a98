"""Video repair: streaming I/O, optical flow, masked-region fill, dust, broken frames, the pipeline."""
