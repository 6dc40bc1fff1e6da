import pytest

from legalsense_simulator import Simulator
from legalsense_simulator.__main__ import build_server, is_loopback, main, parse_args
from legalsense_simulator.testing import organization_payload


def test_generation_is_deterministic(sim):
    other = Simulator()
    sim.generate(contacts=200, matters=50, seed=4)
    other.generate(contacts=200, matters=50, seed=4)
    state, other_state = sim.dump_state(), other.dump_state()
    for records in (*state.values(), *other_state.values()):
        for record in records:
            record.pop("created_date", None)
            record.pop("modified_date", None)
    assert state == other_state


def test_generated_data_is_consistent(sim):
    counts = sim.generate(
        contacts=300, persons_ratio=0.5, contact_persons=2, matters=120
    )
    assert counts["contacts"] == 300
    assert counts["addresses"] == 300
    assert counts["matters"] == counts["matterdebtors"] == 120
    store = sim.store
    for contact in store.list("contacts"):
        address = store.get("addresses", contact["default_billing_address"]["id"])
        assert address["contact"] == {"id": contact["id"]}
        assert contact["is_debtor"] is True
    for link in store.list("contactcontacts"):
        assert store.get("contacts", link["organization"]["id"])["is_organization"]
        assert not store.get("contacts", link["person"]["id"])["is_organization"]
    names = [client["name"].casefold() for client in store.list("clients")]
    assert len(names) == len(set(names))
    for matter in store.list("matters")[:20]:
        debtors = store.list("matterdebtors", matter=matter["id"])
        assert [d["split_type"] for d in debtors] == ["FullRemainingAmount"]


def test_generated_records_accept_api_writes(api, sim):
    sim.generate(contacts=10, matters=4)
    contact = sim.store.list("contacts")[0]
    phone_id = contact["details"][0]["id"]
    body = {"details": [{"kind": "phone", "value": "06 1"}]}
    patched = api.patch(f"contacts/{contact['id']}", json=body).get_json()
    assert patched["details"][0]["id"] == phone_id
    new = api.create("contacts", organization_payload(**body))
    generated = sim.store.list("contacts")[:-1]
    assert new["details"][0]["id"] > max(
        d["id"] for c in generated for d in c["details"]
    )


def test_ten_thousand_contacts_and_five_thousand_matters(sim):
    counts = sim.generate(contacts=10000, matters=5000, seed=1)
    assert counts["contacts"] == 10000 and counts["matters"] == 5000
    assert sim.store.get("contacts", 10000)["default_billing_address"] is not None


@pytest.mark.parametrize(
    ("host", "loopback"),
    [("127.0.0.1", True), ("localhost", True), ("::1", True), ("0.0.0.0", False)],
)
def test_cli_recognises_loopback(host, loopback):
    assert is_loopback(host) is loopback


def test_cli_refuses_remote_binding_unless_allowed(capsys):
    assert main(["--host", "0.0.0.0", "--port", "0"]) == 2
    assert "Refusing to bind 0.0.0.0" in capsys.readouterr().err


def test_cli_builds_a_server_with_fixture_and_generated_data(tmp_path):
    fixture = tmp_path / "fixture.json"
    fixture.write_text('{"firms": [{"id": 1, "name": "Test Firm"}]}')
    args = parse_args(
        [
            "--port",
            "0",
            "--version",
            "17.10",
            "--fixture",
            str(fixture),
            "--generate-contacts",
            "20",
            "--generate-matters",
            "5",
        ]
    )
    server = build_server(args)
    try:
        sim = server.simulator
        assert sim.version == "17.10"
        assert sim.store.list("firms") == [{"id": 1, "name": "Test Firm"}]
        assert len(sim.store.list("contacts")) == 20
        assert server.url.startswith("http://127.0.0.1:")
    finally:
        server.stop()


def test_matters_need_generated_contacts(sim):
    counts = sim.generate(contacts=0, matters=10)
    assert counts == {
        "contacts": 0,
        "addresses": 0,
        "contactcontacts": 0,
        "clients": 0,
        "matters": 0,
        "matterdebtors": 0,
    }
