"""SQLMesh macros shared by the models."""
