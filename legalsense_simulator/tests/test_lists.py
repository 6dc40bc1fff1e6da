from urllib.parse import parse_qs, urlsplit

import pytest

from legalsense_simulator.testing import address_payload, person_payload


@pytest.fixture
def many(sim):
    for index in range(1234):
        sim.store.insert(
            "contacts", {"is_organization": True, "organization_name": f"O{index}"}
        )
    return sim


def test_1234_contacts_in_pages_of_100(api, many):
    url, pages, ids = "contacts?page_size=100", 0, []
    while url:
        response = api.get(url)
        assert response.status_code == 200
        page = response.get_json()
        assert page["count"] == 1234
        ids += [record["id"] for record in page["results"]]
        pages += 1
        url = page["next"]
    assert pages == 13
    assert ids == list(range(1, 1235))


def test_next_and_previous_are_absolute_urls_keeping_filters(api, many):
    page = api.get(
        "contacts?page=2&page_size=100&modified_date__gte=2000-01-01"
    ).get_json()
    assert page["next"] == (
        "http://localhost/api/v3/contacts?page_size=100&modified_date__gte=2000-01-01&page=3"
    )
    assert page["previous"] == (
        "http://localhost/api/v3/contacts?page_size=100&modified_date__gte=2000-01-01&page=1"
    )
    last = api.get("contacts?page=13&page_size=100").get_json()
    assert last["next"] is None
    assert [r["id"] for r in last["results"]] == list(range(1201, 1235))
    first = api.get("contacts").get_json()
    assert (first["previous"], len(first["results"])) == (None, 100)
    assert first["next"] == "http://localhost/api/v3/contacts?page=2"


def test_page_size_above_500_is_500(api, many):
    page = api.get("contacts?page_size=1000").get_json()
    assert len(page["results"]) == 500
    assert parse_qs(urlsplit(page["next"]).query) == {
        "page_size": ["1000"],
        "page": ["2"],
    }


def test_page_after_the_last_is_404_and_an_empty_first_page_is_200(api):
    assert api.get("contacts").get_json() == {
        "count": 0,
        "next": None,
        "previous": None,
        "results": [],
    }
    response = api.get("contacts?page=2")
    assert response.status_code == 404
    assert response.get_json()["code"] == "not_found"


@pytest.mark.parametrize("query", ["page=0", "page=x", "page_size=0", "page_size=-5"])
def test_bad_page_parameters_are_invalid(api, query):
    response = api.get(f"contacts?{query}")
    assert response.status_code == 400
    assert response.get_json()["field"] == query.split("=")[0]


def test_reference_filter_is_plain_equality(api, org, person):
    api.create("addresses", address_payload(person["id"], city="Utrecht"))
    api.create("addresses", address_payload(person["id"], city="Zwolle"))
    page = api.get(f"addresses?contact={person['id']}").get_json()
    assert [(a["id"], a["city"]) for a in page["results"]] == [
        (2, "Utrecht"),
        (3, "Zwolle"),
    ]
    assert api.get("addresses?contact=99").get_json()["count"] == 0
    assert api.get("addresses?contact=abc").get_json()["field"] == "contact"


def test_unknown_query_parameters_are_ignored(api, org, person):
    page = api.get("contacts?ordering=-id&search=x&contact=1").get_json()
    assert [c["id"] for c in page["results"]] == [1, 2]


def _with_modified_dates(sim):
    sim.load_fixture(
        {
            "contacts": [
                {
                    **person_payload(last_name="A"),
                    "modified_date": "2024-03-01T08:59:59+00:00",
                },
                {
                    **person_payload(last_name="B"),
                    "modified_date": "2024-03-01T09:00:00+00:00",
                },
                {
                    **person_payload(last_name="C"),
                    "modified_date": "2024-03-02T00:00:00+00:00",
                },
            ]
        }
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-01T09:00:00+00:00", ["B", "C"]),
        ("2024-03-01T10:00:00+01:00", ["B", "C"]),
        ("2024-03-01T09:00:00", ["B", "C"]),
        ("2024-03-01T09:00:00Z", ["B", "C"]),
        ("2024-03-01T08:59:59.5", ["B", "C"]),
        ("2024-03-01", ["A", "B", "C"]),
        ("2024-03-02", ["C"]),
        ("2024-03-03", []),
    ],
)
def test_modified_date_gte_is_inclusive_and_utc_by_default(api, sim, value, expected):
    _with_modified_dates(sim)
    response = api.get("contacts", query_string={"modified_date__gte": value})
    assert [c["last_name"] for c in response.get_json()["results"]] == expected


def test_bad_modified_date_gte_is_invalid(api):
    response = api.get("contacts?modified_date__gte=yesterday")
    assert response.status_code == 400
    assert response.get_json()["field"] == "modified_date__gte"


def test_filters_follow_the_contract_table(api, sim, org, person, client, matter):
    api.create(
        "contactcontacts",
        {"organization": {"id": org["id"]}, "person": {"id": person["id"]}},
    )
    assert api.get(f"clients?contact={org['id']}").get_json()["count"] == 1
    assert api.get(f"clients?contact={person['id']}").get_json()["count"] == 0
    assert api.get(f"matters?client={client['id']}").get_json()["count"] == 1
    assert api.get(f"matterdebtors?matter={matter['id']}").get_json()["count"] == 1
    assert api.get(f"mattercontacts?matter={matter['id']}").get_json()["count"] == 0
    query = f"contactcontacts?organization={org['id']}&person={person['id']}"
    assert api.get(query).get_json()["count"] == 1
    assert (
        api.get(f"contactcontacts?organization={person['id']}").get_json()["count"] == 0
    )


def test_lookup_lists_and_detail_endpoints(api):
    kinds = api.get("addresskinds").get_json()
    assert [k["name"] for k in kinds["results"]] == [
        "Postadres",
        "Bezoekadres",
        "Factuuradres",
        "Vorig adres",
    ]
    assert api.get("clientstatuses/2").get_json() == {"id": 2, "name": "Closed"}
    assert api.get("practicegroups/1").get_json() == {
        "id": 1,
        "name": "Arbeidsrecht",
        "current_members": [2, 3],
    }
    assert api.get("contactcustomfielddefinitions/1").get_json() == {
        "id": 1,
        "identifier": "wwft",
        "name": "WWFT",
        "widget": "choice",
        "active": True,
    }
    assert api.get("firms/2").status_code == 404


@pytest.mark.parametrize(
    "resource",
    [
        "matterstatuses",
        "clientstatuses",
        "sectors",
        "branches",
        "addresskinds",
        "mattertypes",
        "referrers",
        "practiceareas",
        "contactkinds",
        "submatterkinds",
        "firms",
        "practicegroups",
        "users",
        "offices",
        "clientcustomfielddefinitions",
        "contactcustomfielddefinitions",
        "mattercustomfielddefinitions",
    ],
)
def test_read_only_lists_answer_writes_with_405(api, resource):
    page = api.get(resource).get_json()
    assert page["count"] >= 1
    first = page["results"][0]["id"]
    assert api.get(f"{resource}/{first}").get_json() == page["results"][0]
    post = api.post(resource, json={"name": "x"})
    assert (post.status_code, post.headers["Allow"]) == (405, "GET")
    for method in ("PUT", "PATCH", "DELETE"):
        response = api.call(method, f"{resource}/{first}", json={})
        assert (response.status_code, response.headers["Allow"]) == (405, "GET")
