"""Test helpers: an authenticated in-process client and valid payloads."""

from werkzeug.test import Client

API = "/api/v3/"


class ApiClient:
    """Calls the simulator's WSGI app in-process, with a bearer token by default."""

    def __init__(self, simulator, token=None):
        self.simulator = simulator
        self.client = Client(simulator.wsgi_app)
        self.token = token or simulator.issue_token()

    def call(self, method, path, json=None, auth=True, **kwargs):
        headers = dict(kwargs.pop("headers", {}))
        if auth:
            headers.setdefault("Authorization", f"Bearer {self.token}")
        url = path if path.startswith(("/", "http://", "https://")) else API + path
        return self.client.open(
            url, method=method, json=json, headers=headers, **kwargs
        )

    def get(self, path, **kwargs):
        return self.call("GET", path, **kwargs)

    def post(self, path, json=None, **kwargs):
        return self.call("POST", path, json=json, **kwargs)

    def put(self, path, json=None, **kwargs):
        return self.call("PUT", path, json=json, **kwargs)

    def patch(self, path, json=None, **kwargs):
        return self.call("PATCH", path, json=json, **kwargs)

    def delete(self, path, **kwargs):
        return self.call("DELETE", path, **kwargs)

    def create(self, resource, payload):
        """POST and return the new record; AssertionError unless the answer is 201."""
        response = self.post(resource, json=payload)
        if response.status_code != 201:
            body = response.get_data(as_text=True)
            raise AssertionError(f"POST {resource}: {response.status_code} {body}")
        return response.get_json()


def error_of(response):
    """``(status, code, field)`` of an error answer."""
    body = response.get_json()
    return response.status_code, body["code"], body["field"]


def organization_payload(name="Jansen Holding B.V.", **values):
    """A valid POST /contacts body for an organisation."""
    return {
        "is_organization": True,
        "first_name": "",
        "last_name": "",
        "name_prefix": "",
        "organization_name": name,
        **values,
    }


def person_payload(first_name="Jan", last_name="Vries", name_prefix="de", **values):
    """A valid POST /contacts body for a person."""
    return {
        "is_organization": False,
        "first_name": first_name,
        "last_name": last_name,
        "name_prefix": name_prefix,
        **values,
    }


def address_payload(contact_id, **values):
    """A valid POST /addresses body."""
    return {
        "contact": {"id": contact_id},
        "address_kind": {"id": 1},
        "address_template": 2,
        "address": "Keizersgracht 1",
        "zipcode": "1015 CJ",
        "city": "Amsterdam",
        "country": "Nederland",
        "normalized_country": "NL",
        **values,
    }


def client_payload(contact_id, name="Jansen Holding B.V.", **values):
    """A valid POST /clients body."""
    return {"contact": {"id": contact_id}, "name": name, **values}


def matter_payload(client_id, name="Jansen / huurgeschil", **values):
    """A valid POST /matters body."""
    return {"client": {"id": client_id}, "name": name, **values}
