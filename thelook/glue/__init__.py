"""What the model files share to speak SQLMesh: column declarations, audits, inputs, as_of."""
