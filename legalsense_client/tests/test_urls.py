import pytest

from legalsense_client.urls import normalize_base_url, redact_url, site_url

V3 = "https://epona.legalsense.nl/api/v3/"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("https://epona.legalsense.nl", V3),
        ("https://epona.legalsense.nl/", V3),
        ("https://epona.legalsense.nl//", V3),
        ("  https://epona.legalsense.nl/  ", V3),
        ("https://epona.legalsense.nl/api/v3/", V3),
        ("https://epona.legalsense.nl/api/v3", V3),
        ("https://epona.legalsense.nl/api/v3//", V3),
        ("https://epona.legalsense.nl/api/v1/", V3),
        ("https://epona.legalsense.nl/api/v1", V3),
        ("https://epona.legalsense.nl/API/V1/", V3),
        ("https://epona.legalsense.nl/api/", V3),
        ("epona.legalsense.nl", V3),
        ("http://127.0.0.1:8069", "http://127.0.0.1:8069/api/v3/"),
        ("https://host/legalsense/", "https://host/legalsense/api/v3/"),
        ("https://host/legalsense/api/v1", "https://host/legalsense/api/v3/"),
        ("", ""),
        ("   ", ""),
        (None, ""),
    ],
)
def test_normalize_base_url(typed, expected):
    assert normalize_base_url(typed) == expected


def test_normalize_base_url_is_idempotent():
    once = normalize_base_url("https://epona.legalsense.nl/api/v1")
    assert normalize_base_url(once) == once


@pytest.mark.parametrize(
    ("api_url", "expected"),
    [
        (V3, "https://epona.legalsense.nl/"),
        ("https://epona.legalsense.nl", "https://epona.legalsense.nl/"),
        ("https://host/legalsense/api/v1/", "https://host/legalsense/"),
        ("", ""),
        (None, ""),
    ],
)
def test_site_url(api_url, expected):
    assert site_url(api_url) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://user:pw@host/api/v3/token", "https://host/api/v3/token"),
        (
            "https://host/api/v3/x?access_token=abc&page=2",
            "https://host/api/v3/x?access_token=***&page=2",
        ),
        (
            "https://host/api/v3/contacts?modified_date__gte=2024-01-01T00:00:00+01:00",
            "https://host/api/v3/contacts?modified_date__gte=2024-01-01T00:00:00+01:00",
        ),
        (None, None),
    ],
)
def test_redact_url(url, expected):
    assert redact_url(url) == expected
