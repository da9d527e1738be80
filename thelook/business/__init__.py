"""The marts' business logic: plain functions from DataFrames to a DataFrame, free of SQLMesh."""
