"""Settings package: ``base`` (shared), ``local`` (development), ``test`` and ``production``."""
