"""The knowledge-bank pages make the same number of queries however much there is to find."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from framja.catalog.models import PublicHealthTargetArea
from framja.knowledge import services
from framja.plans import services as plan_services


def grow(world, n: int, offset: int) -> None:
    area = PublicHealthTargetArea.objects.get(number=6)
    plan = plan_services.plan_create(
        actor=None, organisation=world["rpo"], year=2024, title=f"Plan {offset}"
    )
    for i in range(offset, offset + n):
        row = plan_services.row_create(
            actor=None, plan=plan, title=f"Hälsosamtal {i}", description="Om tobak"
        )
        plan_services.activity_create(actor=None, row=row, text=f"Hälsosamtalen {i}")
        example = services.example_create(
            actor=None,
            organisation=world["other"] if i % 2 else world["rpo"],
            title=f"Hälsosamtal om tobak {i}",
            target_areas=[area],
        )
        services.attachment_add(
            actor=None,
            example=example,
            upload=SimpleUploadedFile("a.pdf", b"%PDF-1.4\n"),
        )
        services.event_create(
            actor=None,
            organisation=world["rpo"],
            title=f"Möte {i}",
            start=timezone.now() + datetime.timedelta(days=i + 1),
        )


def _count(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def test_pages_make_a_fixed_number_of_queries(world):
    client = Client()
    client.force_login(world["rita"])
    search = reverse("knowledge:search") + "?q=hälsosamtal&typ=row&typ=example&malomrade="
    grow(world, 3, 0)
    example = world["rpo"].good_examples.order_by("pk").first()
    urls = [
        search,
        reverse("knowledge:search") + "?q=hälsosamtal",
        reverse("knowledge:example_list"),
        reverse("knowledge:event_list"),
        reverse("knowledge:event_feed"),
        example.get_absolute_url(),
        reverse(
            "knowledge:similar_row",
            args=[world["rpo"].plans.order_by("pk").first().rows.first().pk],
        ),
    ]
    small = [_count(client, url) for url in urls]

    grow(world, 6, 100)
    large = [_count(client, url) for url in urls]

    assert large == small
