"""Controllers for namespaces: the deletion controller that empties terminating ones."""
