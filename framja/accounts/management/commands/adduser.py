"""``framja adduser``: create a login for a person, with a password to hand over."""

import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from framja.accounts.models import User


class Command(BaseCommand):
    help = "Skapa en användare utan behörigheter och skriv ut ett engångslösenord."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("email", help="E-postadressen som användaren loggar in med.")
        parser.add_argument("--name", default="", help="Användarens namn.")
        parser.add_argument("--catalogue-admin", action="store_true", help="Får ändra katalogerna.")

    def handle(self, *args: Any, **options: Any) -> None:
        email = options["email"].strip().lower()
        try:
            validate_email(email)
        except ValidationError:
            raise CommandError(f"Ogiltig e-postadress: {email}") from None
        if User.objects.filter(email=email).exists():
            raise CommandError(f"Det finns redan en användare med e-postadressen {email}.")
        password = secrets.token_urlsafe(12)
        User.objects.create_user(
            email,
            password,
            full_name=options["name"],
            is_catalogue_admin=options["catalogue_admin"],
        )
        self.stdout.write(f"Användaren {email} är skapad. Lösenord: {password}")
        self.stdout.write("Ge behörigheter på organisationens sida Behörigheter.")
