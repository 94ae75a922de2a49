"""huurbeg: case management for a municipal tenancy-support service (Dienst huurbegeleiding)."""

__version__ = "0.1.0"
