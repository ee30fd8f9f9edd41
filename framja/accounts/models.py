"""Accounts: who logs in, and the API tokens they hold."""

import hashlib
import secrets
from typing import Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from framja.organisations.models import AccessLevel, Role


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra: Any) -> "User":
        if not email:
            raise ValueError("A user needs an e-mail address.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra: Any) -> "User":
        extra.setdefault("is_staff", True)
        extra.setdefault("is_superuser", True)
        extra.setdefault("is_catalogue_admin", True)
        return self.create_user(email, password, **extra)


class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in, by e-mail and password today and by OIDC (HSA-id) later.

    ``is_superuser`` makes a system administrator; ``is_catalogue_admin`` may edit the
    national catalogues. Rights in organisations come from ``OrganisationAccess``.
    """

    email = models.EmailField(_("e-postadress"), unique=True)
    full_name = models.CharField(_("namn"), max_length=200, blank=True)
    hsa_id = models.CharField(_("HSA-id"), max_length=64, unique=True, null=True, blank=True)
    is_active = models.BooleanField(_("aktiv"), default=True)
    is_staff = models.BooleanField(_("personal"), default=False)
    is_catalogue_admin = models.BooleanField(_("katalogadministratör"), default=False)
    date_joined = models.DateTimeField(_("skapad"), default=timezone.now)
    # Raised by "log out everywhere": every session signed with the old value stops working.
    session_generation = models.PositiveIntegerField(default=0, editable=False)

    objects: ClassVar[UserManager] = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = _("användare")
        verbose_name_plural = _("användare")
        ordering = ("email",)

    def __str__(self) -> str:
        return self.full_name or self.email

    def get_full_name(self) -> str:
        return self.full_name or self.email

    def get_short_name(self) -> str:
        return self.full_name.split(" ")[0] if self.full_name else self.email

    def _get_session_auth_hash(self, secret: str | None = None) -> str:
        """Return an HMAC of the password and the session generation.

        Django logs a session out when this changes, so raising ``session_generation``
        ends every session of the user, and so does a new password.
        """
        return salted_hmac(
            "framja.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_generation}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    @property
    def may_edit_catalogues(self) -> bool:
        return self.is_active and (self.is_superuser or self.is_catalogue_admin)


def _hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class APIToken(models.Model):
    """A bearer token for the REST API. Only a hash is stored; the key is shown once."""

    PREFIX_LENGTH = 8

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("namn"), max_length=100)
    prefix = models.CharField(max_length=PREFIX_LENGTH, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("skapad"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("senast använd"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nyckel")
        verbose_name_plural = _("API-nycklar")
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def new_key() -> str:
        return "fr_" + secrets.token_urlsafe(32)

    @staticmethod
    def hash_key(key: str) -> str:
        return _hash_key(key)


class Invitation(models.Model):
    """An organisation administrator's invitation of someone, by e-mail, to a level and role.

    The link in the e-mail carries a signed token (see ``framja.accounts.invitations``);
    it expires after ``INVITATION_MAX_AGE`` seconds and works once.
    """

    organisation = models.ForeignKey(
        "organisations.Organisation",
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="invitations",
    )
    email = models.EmailField(_("e-postadress"))
    name = models.CharField(_("namn"), max_length=200, blank=True)
    level = models.PositiveSmallIntegerField(_("behörighet"), choices=AccessLevel.choices)
    role = models.CharField(_("roll"), max_length=32, choices=Role.choices, blank=True)
    invited_by = models.ForeignKey(
        User,
        verbose_name=_("inbjuden av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("skickad"), default=timezone.now, editable=False)
    accepted_at = models.DateTimeField(_("antagen"), null=True, blank=True, editable=False)
    accepted_by = models.ForeignKey(
        User,
        verbose_name=_("antagen av"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="accepted_invitations",
    )
    revoked_at = models.DateTimeField(_("återkallad"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("inbjudan")
        verbose_name_plural = _("inbjudningar")
        ordering = ("-created_at", "-id")

    def __str__(self) -> str:
        return f"{self.email} – {self.organisation}"

    @property
    def is_open(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None
