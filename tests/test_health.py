import pytest
from django.db import OperationalError

pytestmark = pytest.mark.django_db


def test_healthz_200_when_database_and_redis_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok" and body["redis"] == "ok"
    assert body["workers"]["status"] in {"ok", "unavailable"}


def test_healthz_503_when_redis_does_not_answer(client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens on port 1
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["redis"] == "error" and body["database"] == "ok" and body["status"] == "error"


def test_healthz_503_when_database_does_not_answer(client, monkeypatch):
    from namdong_jobs import health

    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(health, "_check_database", refuse)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "error"
    assert "refused" not in response.content.decode()  # details are not exposed
