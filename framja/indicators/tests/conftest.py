import pytest

from framja.accounts.models import User
from framja.indicators.models import DataSource, Indicator


@pytest.fixture
def source(db) -> DataSource:
    return DataSource.objects.get(name="Kolada")


@pytest.fixture
def indicator(source) -> Indicator:
    return Indicator.objects.create(
        code="paverkbar-slutenvard",
        name="Påverkbar slutenvård vid kronisk sjukdom",
        source=source,
        kolada_kpi_id="U79133",
    )


@pytest.fixture
def other_indicator(source) -> Indicator:
    return Indicator.objects.create(code="cni", name="Care Need Index", source=source)


@pytest.fixture
def catalogue_admin(db) -> User:
    return User.objects.create_user(
        "karin@example.org", "x", full_name="Karin", is_catalogue_admin=True
    )
