"""Claims of the test provider: name and e-mail, and the HSA-id (the username)."""

from typing import Any

from oidc_provider.lib.claims import ScopeClaims


def userinfo(claims: dict[str, Any], user: Any) -> dict[str, Any]:
    claims["name"] = user.get_full_name()
    claims["email"] = user.email
    claims["email_verified"] = True
    return claims


class HsaClaims(ScopeClaims):
    info_hsa = ("HSA-id", "Ditt HSA-id.")

    def scope_hsa(self) -> dict[str, Any]:
        return {"hsa_id": self.user.username}
