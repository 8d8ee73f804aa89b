"""concurrent: the package of concurrent.futures (the only submodule there is)."""
