"""The revisioned key-value contract, its errors and its backends.

Import the contract from `kcp.storage.interface` and the errors from
`kcp.storage.errors`; backends are chosen in one place, `kcp.server.backends`.
"""
