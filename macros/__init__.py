"""SQLMesh macros shared by the models. None is needed yet: each business term is defined in
the one model or function that owns it."""
