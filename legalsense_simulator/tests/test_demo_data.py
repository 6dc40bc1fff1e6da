"""The addon's demo data and the simulator ``tools/demo.py`` starts agree: every
LegalSense id a demo record carries is a record the simulator holds, and holds
as the demo record says it does."""

import ast
import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from legalsense_mapping.compare import differences
from legalsense_simulator import Simulator
from legalsense_simulator.__main__ import parse_args
from legalsense_simulator.testing import ApiClient

REPO = Path(__file__).resolve().parents[2]
# LegalSense id fields of the synced models: the resource they point into.
ID_FIELDS = {
    "legalsense_contact_id": "contacts",
    "legalsense_client_id": "clients",
    "legalsense_address_id": "addresses",
    "legalsense_contact_contact_id": "contactcontacts",
    "legalsense_matter_id": "matters",
    "legalsense_client_contact_id": "mattercontacts",
    "legalsense_originator_contact_id": "mattercontacts",
    "legalsense_debtor_id": "matterdebtors",
    "legalsense_matter_contact_id": "mattercontacts",
    "legalsense_user_id": "users",
}
LOOKUP_RESOURCES = {"activity_role": "contactkinds", "matter_type": "mattertypes"}
REF_RESOURCES = {
    ("hr.department", "LEGALSENSE_INTERNAL"): "practicegroups",
    ("res.users", "LEGALSENSE"): "users",
}
# Changed by later writes (a contact's billing address after its address).
MOVING = ("modified_date", "default_billing_address")


def load_demo_tool():
    spec = importlib.util.spec_from_file_location("demo_tool", REPO / "tools/demo.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def demo_files():
    manifest = ast.literal_eval((REPO / "__manifest__.py").read_text("utf-8"))
    return [REPO / name for name in manifest["demo"]]


def field_value(field):
    if field.get("eval") is not None:
        return ast.literal_eval(field.get("eval"))
    return field.text


def demo_links():
    """[(xmlid, resource, LegalSense id)] and {xmlid: sync data} of the demo XML."""
    links, sync_data, records = [], {}, {}
    for path in demo_files():
        for record in ET.parse(path).getroot().iter("record"):
            xmlid = record.get("id")
            fields = {
                field.get("name"): field
                for field in record.iter("field")
                if field.get("ref") is None and "ref(" not in (field.get("eval") or "")
            }
            values = {name: field_value(field) for name, field in fields.items()}
            records.setdefault(xmlid, {}).update(values)
            records[xmlid]["_model"] = record.get("model")
            for name, resource in ID_FIELDS.items():
                if values.get(name):
                    links.append((xmlid, resource, int(values[name])))
            if values.get("legalsense_sync_data"):
                sync_data[xmlid] = values["legalsense_sync_data"]
    for xmlid, values in records.items():
        if values["_model"] == "legalsense.lookup.value" and values.get(
            "legalsense_id"
        ):
            resource = LOOKUP_RESOURCES[values["lookup_type"]]
            links.append((xmlid, resource, int(values["legalsense_id"])))
        if values["_model"] == "legalsense.external.ref":
            resource = REF_RESOURCES[values["res_model"], values["application"]]
            links.append((xmlid, resource, int(values["external_id"])))
    return links, sync_data


@pytest.fixture(scope="module")
def demo_simulator():
    """The simulator as ``tools/demo.py`` starts it (its default arguments)."""
    demo = load_demo_tool()
    args = parse_args(demo.simulator_arguments(port=8899, contacts=200))
    simulator = Simulator(username=args.username, password=args.password)
    simulator.load_fixture(args.fixture)
    simulator.generate(
        contacts=args.generate_contacts, matters=args.generate_matters, seed=args.seed
    )
    return simulator


def test_demo_loads_the_demo_fixture():
    demo = load_demo_tool()
    args = parse_args(demo.simulator_arguments(port=8899, contacts=200))
    assert Path(args.fixture) == REPO / "demo/legalsense_simulator_demo.json"
    assert (args.username, args.password) == (demo.API_USER, demo.API_PASSWORD)


def test_every_legalsense_id_of_the_demo_data_is_in_the_simulator(demo_simulator):
    links, _sync_data = demo_links()
    resources = {resource for _xmlid, resource, _id in links}
    # Partners, matters and their debtors and parties, users, practice groups.
    assert resources >= {
        "contacts",
        "clients",
        "addresses",
        "contactcontacts",
        "matters",
        "matterdebtors",
        "mattercontacts",
        "users",
        "practicegroups",
        "contactkinds",
        "mattertypes",
    }
    state = demo_simulator.dump_state()
    missing = [
        (xmlid, resource, ls_id)
        for xmlid, resource, ls_id in links
        if ls_id not in {record["id"] for record in state[resource]}
    ]
    assert not missing


def test_the_simulator_holds_what_the_demo_records_stored(demo_simulator):
    """What each demo record stored of LegalSense's record is what the
    simulator answers (dates and the billing address set later aside)."""
    _links, sync_data = demo_links()
    assert len(sync_data) >= 50
    api = ApiClient(demo_simulator)
    resources = {
        "contact": "contacts",
        "client": "clients",
        "address": "addresses",
        "contact_contact": "contactcontacts",
        "matter": "matters",
        "debtor": "matterdebtors",
        "party": "mattercontacts",
        "client_contact": "mattercontacts",
        "originator_contact": "mattercontacts",
    }
    mismatches = []
    for xmlid, data in sync_data.items():
        for facet, stored in data.items():
            remote = {k: v for k, v in stored["remote"].items() if k not in MOVING}
            answer = api.get(f"{resources[facet]}/{remote['id']}")
            assert answer.status_code == 200, (xmlid, facet)
            found = differences(answer.get_json(), remote)
            if found:
                mismatches.append((xmlid, facet, found))
    assert not mismatches


def test_generated_records_come_after_the_demo_records(demo_simulator):
    """The generated contacts to import do not take a demo record's id."""
    fixture = json.loads((REPO / "demo/legalsense_simulator_demo.json").read_text())
    state = demo_simulator.dump_state()
    for resource, records in fixture.items():
        by_id = {record["id"]: record for record in state[resource]}
        for record in records:
            assert by_id[record["id"]] == record, (resource, record["id"])
    assert len(state["contacts"]) == len(fixture["contacts"]) + 200
