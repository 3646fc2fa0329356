"""Pure-Python domain model: entities, enums and the facts rules reason about.

Nothing here may import SQLAlchemy, Qt, openpyxl or reportlab: import-linter enforces it,
so the core stays testable and reusable from the CLI, the GUI and the benchmarks alike.
"""
