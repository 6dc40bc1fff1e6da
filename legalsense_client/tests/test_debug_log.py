import datetime
import json
import os
import re

import pytest
import requests
import responses

from legalsense_client import DebugLog, LegalSenseError
from legalsense_client.redaction import REDACTED, redact
from legalsense_client.tests.helpers import (
    API,
    BEARER_TOKEN,
    CLIENT_IDENTIFIER,
    CLIENT_TOKEN,
    PASSWORD,
    error_body,
    page_body,
    token_answer,
)

ACCESS_TOKEN_1 = "acc-9d1e6c0b5a7f"
ACCESS_TOKEN_2 = "acc-4e2d8c3b1a90"
FILE_NAME = re.compile(r"^\d{8}T\d{12}Z_\d{6}_[A-Z]+_[a-z]+\.json$")


def dump_texts(directory):
    names = sorted(os.listdir(directory))
    texts = []
    for name in names:
        with open(os.path.join(directory, name), encoding="utf-8") as dump:
            texts.append(dump.read())
    return names, texts


# ---------------------------------------------------------------- redaction


def test_redact_replaces_secret_keys_at_any_depth():
    data = {
        "username": "api",
        "password": "pw",
        "nested": [{"client_token": "ct", "Api-Secret": "s", "value": 1}],
        "access_token": "tok",
        "headers": {"Authorization": "Bearer tok", "Accept": "application/json"},
    }
    assert redact(data) == {
        "username": "api",
        "password": REDACTED,
        "nested": [{"client_token": REDACTED, "Api-Secret": REDACTED, "value": 1}],
        "access_token": REDACTED,
        "headers": {"Authorization": REDACTED, "Accept": "application/json"},
    }


def test_redact_scrubs_bearer_tokens_and_known_secrets_in_text():
    data = {"detail": "Token Bearer abc123 refused; password was hunter22 (hunter22)"}
    cleaned = redact(data, secrets=["hunter22", None, ""])
    assert cleaned == {"detail": "Token Bearer *** refused; password was *** (***)"}


def test_redact_leaves_the_input_alone():
    data = {"password": "pw"}
    redact(data)
    assert data == {"password": "pw"}


# ---------------------------------------------------------------- files


def test_write_creates_the_directory_and_one_named_file(tmp_path):
    directory = tmp_path / "log" / "legalsense"
    log = DebugLog(str(directory))
    path = log.write("GET", API + "contacts/17?page=1", None, 200, {"id": 17}, 0.25)
    assert os.path.dirname(path) == str(directory)
    assert FILE_NAME.match(os.path.basename(path))
    assert "_GET_contacts.json" in path
    with open(path, encoding="utf-8") as dump:
        record = json.load(dump)
    assert record["response"] == {"status": 200, "headers": {}, "body": {"id": 17}}
    assert record["elapsed_seconds"] == 0.25
    assert record["url"] == API + "contacts/17?page=1"


def test_every_write_gets_its_own_file(tmp_path):
    moment = datetime.datetime(2024, 3, 4, 10, 15, tzinfo=datetime.timezone.utc)
    log = DebugLog(str(tmp_path), clock=lambda: moment)
    paths = {log.write("GET", API + "users", None, 200, {}, 0.1) for _ in range(3)}
    assert len(paths) == 3
    assert all(
        os.path.basename(path).startswith("20240304T101500000000Z_") for path in paths
    )


def test_a_failing_write_does_not_break_anything(tmp_path):
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("x")
    assert (
        DebugLog(str(blocker)).write("GET", API + "users", None, 200, {}, 0.1) is None
    )


# ---------------------------------------------------------------- client dumps


def test_client_dumps_contain_no_secret(mocked, make_client, tmp_path):
    mocked.add(responses.POST, API + "token", json=token_answer(ACCESS_TOKEN_1))
    mocked.add(responses.GET, API + "contacts", json=page_body([{"id": 1}]))
    mocked.add(
        responses.GET, API + "contacts/1", json=error_body("token_invalid"), status=401
    )
    mocked.add(responses.POST, API + "token", json=token_answer(ACCESS_TOKEN_2))
    mocked.add(responses.GET, API + "contacts/1", json={"id": 1})
    echo = error_body("invalid", detail=f"{PASSWORD} is not a name", field="last_name")
    mocked.add(responses.POST, API + "contacts", json=echo, status=400)
    client = make_client(bearer_token=None, debug_log=DebugLog(str(tmp_path)))

    client.list("contacts")
    client.get("contacts", 1)
    with pytest.raises(LegalSenseError):
        client.create("contacts", {"last_name": PASSWORD, "password": PASSWORD})

    names, texts = dump_texts(tmp_path)
    assert len(names) == 6
    assert [name.split("_", 2)[2] for name in names] == [
        "POST_token.json",
        "GET_contacts.json",
        "GET_contacts.json",
        "POST_token.json",
        "GET_contacts.json",
        "POST_contacts.json",
    ]
    for text in texts:
        for secret in (PASSWORD, ACCESS_TOKEN_1, ACCESS_TOKEN_2):
            assert secret not in text
    assert "api-user" in texts[0]
    assert '"Authorization": "***"' in texts[1]


def test_client_token_and_bearer_token_never_reach_a_dump(
    mocked, make_client, tmp_path
):
    mocked.add(
        responses.GET, API + "users", json=error_body("token_invalid"), status=401
    )
    mocked.add(responses.POST, API + "token", json=token_answer(ACCESS_TOKEN_1))
    mocked.add(responses.GET, API + "users", json=page_body([]))
    client = make_client(
        username=None,
        password=None,
        client_identifier=CLIENT_IDENTIFIER,
        client_token=CLIENT_TOKEN,
        debug_log=DebugLog(str(tmp_path)),
    )
    client.list("users")
    _names, texts = dump_texts(tmp_path)
    assert len(texts) == 3
    for text in texts:
        for secret in (CLIENT_TOKEN, BEARER_TOKEN, ACCESS_TOKEN_1):
            assert secret not in text
    assert CLIENT_IDENTIFIER in texts[1]


def test_a_lost_answer_is_dumped_without_status(mocked, make_client, tmp_path):
    mocked.add(
        responses.POST, API + "clients", body=requests.exceptions.ReadTimeout("slow")
    )
    client = make_client(debug_log=DebugLog(str(tmp_path)))
    with pytest.raises(LegalSenseError):
        client.create("clients", {"name": "Jansen"})
    _names, texts = dump_texts(tmp_path)
    record = json.loads(texts[0])
    assert record["response"]["status"] is None
    assert "slow" in record["response"]["body"]["error"]
    assert record["request"]["body"] == {"name": "Jansen"}


def test_non_json_answers_are_dumped_as_text(mocked, make_client, tmp_path):
    mocked.add(
        responses.GET, API + "users/1", body="<html>Bad Gateway</html>", status=502
    )
    client = make_client(max_retries=0, debug_log=DebugLog(str(tmp_path)))
    with pytest.raises(LegalSenseError):
        client.get("users", 1)
    _names, texts = dump_texts(tmp_path)
    assert json.loads(texts[0])["response"]["body"] == "<html>Bad Gateway</html>"
