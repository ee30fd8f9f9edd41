"""Prepare the test provider's database: tables, an RSA key, a client and users.

Run as ``python -m tests.oidc_provider_site.setup`` with the provider's settings and
``OIDC_TEST_CLIENT`` (JSON: id, secret, redirect_uri) and ``OIDC_TEST_USERS`` (JSON list of
username, password, name, email) in the environment.
"""

import json
import os

import django


def main() -> None:
    django.setup()
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oidc_provider.models import Client, ResponseType

    call_command("migrate", verbosity=0)
    call_command("creatersakey")
    client = json.loads(os.environ["OIDC_TEST_CLIENT"])
    made = Client.objects.create(
        name="Främja",
        client_type="confidential",
        client_id=client["id"],
        client_secret=client["secret"],
        jwt_alg="RS256",
        require_consent=False,
        reuse_consent=True,
        _redirect_uris=client["redirect_uri"],
        _scope="openid profile email hsa",
    )
    made.response_types.set(ResponseType.objects.filter(value="code"))
    for user in json.loads(os.environ["OIDC_TEST_USERS"]):
        first, _space, last = user["name"].partition(" ")
        User.objects.create_user(
            user["username"], user["email"], user["password"], first_name=first, last_name=last
        )


if __name__ == "__main__":
    main()
