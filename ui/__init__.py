"""The station window (PySide6 Widgets). Renders the core's state; holds no business rule."""
