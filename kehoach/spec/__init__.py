"""The spec a clerk writes: YAML read with positions, the typed model, validation, diagnostics."""
