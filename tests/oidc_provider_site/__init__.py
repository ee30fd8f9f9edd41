"""A small Django site running django-oidc-provider: the tests' real OpenID provider.

``tests/oidc.py`` starts it in a subprocess on a free loopback port, with its own SQLite
database, an RSA signing key, one client and a few users (the username is the HSA-id).
"""
