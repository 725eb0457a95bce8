"""Built-in resource types, one module per API group."""
