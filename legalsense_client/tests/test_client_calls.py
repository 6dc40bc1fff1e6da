import datetime
import decimal
import json
from urllib.parse import parse_qs, urlsplit

import pytest
import requests
import responses

from legalsense_client import (
    LegalSenseClient,
    LegalSenseError,
    MalformedResponseError,
    Version,
)
from legalsense_client.tests.helpers import API, SITE, calls_to, page_body

CONTACTS = API + "contacts"


def query_of(call):
    return {
        key: values[0]
        for key, values in parse_qs(urlsplit(call.request.url).query).items()
    }


def contacts(first_id, count):
    return [{"id": record_id} for record_id in range(first_id, first_id + count)]


# ---------------------------------------------------------------- pagination


def test_iterate_follows_next_until_null(mocked, make_client):
    mocked.add(
        responses.GET,
        CONTACTS,
        json=page_body(
            contacts(1, 2), next_url=CONTACTS + "?page=2&page_size=2", count=5
        ),
    )
    mocked.add(
        responses.GET,
        CONTACTS,
        json=page_body(
            contacts(3, 2), next_url=CONTACTS + "?page=3&page_size=2", count=5
        ),
    )
    mocked.add(responses.GET, CONTACTS, json=page_body(contacts(5, 1), count=5))
    records = list(make_client(page_size=2).iterate("contacts"))
    assert [record["id"] for record in records] == [1, 2, 3, 4, 5]
    assert [query_of(call)["page"] for call in mocked.calls] == ["1", "2", "3"]
    assert {query_of(call)["page_size"] for call in mocked.calls} == {"2"}


def test_next_page_is_asked_from_the_configured_host(mocked, make_client):
    internal_next = "http://10.0.0.5:8000/api/v3/contacts?page=2&page_size=100"
    mocked.add(
        responses.GET, CONTACTS, json=page_body(contacts(1, 1), next_url=internal_next)
    )
    mocked.add(responses.GET, CONTACTS, json=page_body(contacts(2, 1)))
    assert len(make_client().list("contacts")) == 2
    assert mocked.calls[1].request.url.startswith(CONTACTS + "?")
    assert query_of(mocked.calls[1])["page"] == "2"


def test_next_keeps_the_filters(mocked, make_client):
    next_url = CONTACTS + "?page=2&page_size=100&modified_date__gte=2024-01-01"
    mocked.add(
        responses.GET, CONTACTS, json=page_body(contacts(1, 1), next_url=next_url)
    )
    mocked.add(responses.GET, CONTACTS, json=page_body([]))
    make_client().list("contacts", modified_date__gte=datetime.date(2024, 1, 1))
    assert query_of(mocked.calls[1])["modified_date__gte"] == "2024-01-01"


def test_next_pointing_to_the_same_page_stops(mocked, make_client):
    same = CONTACTS + "?page=1&page_size=100"
    mocked.add(responses.GET, CONTACTS, json=page_body(contacts(1, 1), next_url=same))
    with pytest.raises(MalformedResponseError):
        make_client().list("contacts")


def test_iterate_is_lazy(mocked, make_client):
    next_url = CONTACTS + "?page=2&page_size=100"
    mocked.add(
        responses.GET, CONTACTS, json=page_body(contacts(1, 2), next_url=next_url)
    )
    records = make_client().iterate("contacts")
    assert next(records) == {"id": 1}
    assert len(mocked.calls) == 1


def test_filters_become_query_parameters(mocked, make_client):
    mocked.add(responses.GET, API + "clients", json=page_body([]))
    since = datetime.datetime(2024, 3, 4, 10, 15, tzinfo=datetime.timezone.utc)
    make_client().list("clients", contact=1001, modified_date__gte=since)
    assert query_of(mocked.calls[0]) == {
        "page": "1",
        "page_size": "100",
        "contact": "1001",
        "modified_date__gte": "2024-03-04T10:15:00+00:00",
    }


def test_iterate_checks_its_arguments_at_once(make_client):
    with pytest.raises(ValueError):
        make_client().iterate("contacts", modified_date__gte=None)


def test_a_filter_without_value_is_refused(make_client):
    # Dropping it would silently return every record.
    with pytest.raises(ValueError, match="contact"):
        make_client().find_first("clients", contact=None)


@pytest.mark.parametrize("name", ["page", "page_size"])
def test_paging_parameters_are_not_filters(make_client, name):
    with pytest.raises(ValueError):
        make_client().list("contacts", **{name: 3})


def test_list_page_returns_the_page(mocked, make_client):
    body = page_body(contacts(1, 1), next_url=CONTACTS + "?page=3")
    mocked.add(responses.GET, CONTACTS, json=body)
    assert (
        make_client().list_page("contacts", page=2, modified_date__gte="2024-01-01")
        == body
    )
    assert query_of(mocked.calls[0])["page"] == "2"


@pytest.mark.parametrize("page", [0, -1, None, "2", True])
def test_list_page_refuses_bad_page_numbers(make_client, page):
    with pytest.raises(ValueError):
        make_client().list_page("contacts", page=page)


def test_find_first_asks_for_one_record(mocked, make_client):
    mocked.add(responses.GET, API + "contactcontacts", json=page_body([{"id": 812}]))
    found = make_client().find_first("contactcontacts", organization=1, person=2)
    assert found == {"id": 812}
    assert query_of(mocked.calls[0]) == {
        "page": "1",
        "page_size": "1",
        "organization": "1",
        "person": "2",
    }


def test_find_first_gives_none_without_match(mocked, make_client):
    mocked.add(responses.GET, API + "clients", json=page_body([]))
    assert make_client().find_first("clients", contact=5) is None


def test_list_answer_without_results_is_malformed(mocked, make_client):
    mocked.add(responses.GET, CONTACTS, json={"count": 0})
    with pytest.raises(MalformedResponseError):
        make_client().list("contacts")


# ---------------------------------------------------------------- page size


@pytest.mark.parametrize("page_size", [0, -5, 501, 1000, True, 2.5, "100", None])
def test_page_size_out_of_bounds_is_refused(page_size):
    with pytest.raises(ValueError):
        LegalSenseClient(SITE, bearer_token="t", page_size=page_size)


@pytest.mark.parametrize("page_size", [1, 100, 500])
def test_page_size_in_bounds_is_sent(mocked, page_size):
    mocked.add(responses.GET, CONTACTS, json=page_body([]))
    LegalSenseClient(SITE, bearer_token="t", page_size=page_size).list("contacts")
    assert query_of(mocked.calls[0])["page_size"] == str(page_size)


# ---------------------------------------------------------------- records


def test_get_returns_the_record(mocked, make_client):
    mocked.add(responses.GET, API + "matters/9001", json={"id": 9001, "name": "Sale"})
    assert make_client().get("matters", 9001) == {"id": 9001, "name": "Sale"}


@pytest.mark.parametrize("record_id", [None, False, 0, -3, "", "12a", 1.0])
def test_bad_ids_are_refused_before_sending(make_client, record_id):
    with pytest.raises(ValueError):
        make_client().get("contacts", record_id)


@pytest.mark.parametrize("resource", ["", "contacts/1", "../token", "Contacts", None])
def test_bad_resource_names_are_refused(make_client, resource):
    with pytest.raises(ValueError):
        make_client().get(resource, 1)


def test_create_posts_json_and_returns_the_record(mocked, make_client):
    mocked.add(responses.POST, API + "matterdebtors", json={"id": 77}, status=201)
    data = {
        "matter": {"id": 9001},
        "percentage": decimal.Decimal("50.00"),
        "date": datetime.date(2024, 3, 1),
    }
    assert make_client().create("matterdebtors", data) == {"id": 77}
    request = mocked.calls[0].request
    assert request.headers["Content-Type"] == "application/json"
    assert json.loads(request.body) == {
        "matter": {"id": 9001},
        "percentage": "50.00",
        "date": "2024-03-01",
    }


@pytest.mark.parametrize("method", ["put", "patch"])
def test_put_and_patch_send_the_data(mocked, make_client, method):
    mocked.add(method.upper(), API + "addresses/3", json={"id": 3, "city": "Delft"})
    result = getattr(make_client(), method)("addresses", 3, {"city": "Delft"})
    assert result == {"id": 3, "city": "Delft"}
    assert json.loads(mocked.calls[0].request.body) == {"city": "Delft"}


def test_delete_returns_none(mocked, make_client):
    mocked.add(responses.DELETE, API + "mattercontacts/4", status=204)
    assert make_client().delete("mattercontacts", 4) is None
    assert len(calls_to(mocked, "DELETE", "mattercontacts/4")) == 1


def test_every_call_has_a_timeout(mocked, make_client):
    mocked.add(responses.GET, API + "contacts/1", json={"id": 1})
    make_client(timeout=(3, 30)).get("contacts", 1)
    assert mocked.calls[0].request.req_kwargs["timeout"] == (3, 30)


def test_a_missing_timeout_is_refused():
    with pytest.raises(ValueError):
        LegalSenseClient(SITE, bearer_token="t", timeout=None)


def test_an_empty_url_is_refused():
    with pytest.raises(ValueError):
        LegalSenseClient("  ", bearer_token="t")


def test_one_session_for_all_calls(mocked, make_client):
    session = requests.Session()
    sent = []
    session.hooks["response"].append(lambda response, **_kwargs: sent.append(response))
    mocked.add(responses.GET, API + "contacts/1", json={"id": 1})
    mocked.add(responses.GET, API + "contacts/2", json={"id": 2})
    client = make_client(session=session)
    client.get("contacts", 1)
    client.get("contacts", 2)
    assert client.session is session
    assert len(sent) == 2


def test_redirects_are_not_followed(mocked, make_client):
    mocked.add(
        responses.POST,
        API + "contacts",
        status=301,
        headers={"Location": "https://elsewhere.example/api/v3/contacts"},
    )
    with pytest.raises(LegalSenseError, match="elsewhere.example"):
        make_client().create("contacts", {"last_name": "X"})
    assert len(mocked.calls) == 1


# ---------------------------------------------------------------- answers


@pytest.mark.parametrize(
    "body", ["{not json", "<html>Login</html>", "[1, 2]", ""], ids=repr
)
def test_success_without_a_json_object_is_malformed(mocked, make_client, body):
    mocked.add(responses.GET, API + "contacts/1", body=body, status=200)
    with pytest.raises(MalformedResponseError) as raised:
        make_client().get("contacts", 1)
    assert raised.value.status == 200
    assert raised.value.method == "GET"


# ---------------------------------------------------------------- version


def test_version_is_read_once(mocked, make_client):
    mocked.add(responses.GET, API + "version", json={"version": "18.120"})
    client = make_client()
    assert client.version() == Version("18.120")
    assert client.version() >= "18.120"
    assert len(mocked.calls) == 1


def test_version_refresh_asks_again(mocked, make_client):
    mocked.add(responses.GET, API + "version", json={"version": "17.10"})
    mocked.add(responses.GET, API + "version", json={"version": "18.120"})
    client = make_client()
    assert str(client.version()) == "17.10"
    assert str(client.version(refresh=True)) == "18.120"


@pytest.mark.parametrize("body", [{}, {"version": "eighteen"}, {"version": 18.12}])
def test_unreadable_version_is_malformed(mocked, make_client, body):
    mocked.add(responses.GET, API + "version", json=body)
    with pytest.raises(MalformedResponseError):
        make_client().version()
