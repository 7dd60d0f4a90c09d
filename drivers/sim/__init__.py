"""Device simulators speaking the real protocol bytes, for tests, demos and people.

Each simulator has ``start()``/``stop()`` and registers under a name so ``sim://NAME`` finds it.
"""
