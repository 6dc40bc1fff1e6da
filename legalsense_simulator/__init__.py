"""A LegalSense REST API v3 server held in memory, for tests, benchmarks and demos."""

from .server import SimulatorServer
from .simulator import Simulator

__all__ = ["Simulator", "SimulatorServer"]
