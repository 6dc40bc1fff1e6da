"""Generated, deterministic data sets: contacts with addresses and contact persons,
clients and matters with their main debtors.

Records are added after the existing ones with raw inserts (no validation), so that
tens of thousands of records take a second or two.
"""

import random
from datetime import date, timedelta

from . import effects

# fmt: off
FIRST_NAMES = (
    "Jan", "Anne", "Pieter", "Sanne", "Kees", "Eva", "Willem", "Lotte", "Daan",
    "Fleur", "Bram", "Iris", "Thijs", "Noor", "Ruben", "Maaike", "Joost", "Ilse",
)
LAST_NAMES = (
    "Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "Bos", "Vos",
    "Peters", "Hendriks", "Dekker", "Brouwer", "Dijk", "Berg", "Wal", "Kok", "Graaf",
)
COMPANY_WORDS = (
    "Holding", "Bouw", "Techniek", "Logistiek", "Advies", "Zorg", "Handel", "Media",
    "Vastgoed", "Installatie", "Transport", "Software", "Beheer", "Groep", "Design",
)
# fmt: on
PREFIXES = ("", "", "", "de", "van", "van der", "van den", "ter")
LEGAL_FORMS = ("B.V.", "N.V.", "V.O.F.", "Stichting", "Coöperatie U.A.")
CITIES = (
    ("Amsterdam", "10"),
    ("Rotterdam", "30"),
    ("Utrecht", "35"),
    ("Den Haag", "25"),
    ("Eindhoven", "56"),
    ("Groningen", "97"),
    ("Zwolle", "80"),
    ("Haarlem", "20"),
)
STREETS = (
    "Keizersgracht",
    "Coolsingel",
    "Oudegracht",
    "Lange Voorhout",
    "Stationsplein",
)
JOB_DESCRIPTIONS = ("Directeur", "Controller", "Jurist", "")
MATTER_SUBJECTS = ("huurgeschil", "arbeidsconflict", "overname", "incasso", "contract")


def generate(
    store,
    contacts=1000,
    persons_ratio=0.5,
    addresses_per_contact=1,
    contact_persons=2,
    matters=500,
    seed=1,
):
    """Add contacts (``persons_ratio`` of them persons) with on average
    ``addresses_per_contact`` addresses, ``contact_persons`` persons linked to every
    organisation, and matters spread over clients. Returns the counts added."""
    rng = random.Random(seed)
    counts = dict.fromkeys(("contacts", "addresses", "contactcontacts", "clients"), 0)
    counts.update(matters=0, matterdebtors=0)
    with store.lock:
        people, organizations = [], []
        for index in range(contacts):
            is_person = rng.random() < persons_ratio
            addresses = _count(rng, addresses_per_contact)
            contact = _add_contact(store, rng, index, is_person, addresses)
            _add_addresses(store, rng, contact, addresses)
            (people if is_person else organizations).append(contact)
            counts["contacts"] += 1
            counts["addresses"] += addresses
        links = _link_people(store, rng, organizations, people, contact_persons)
        counts["contactcontacts"] = links
        clients = _add_clients(store, people + organizations, matters)
        counts["clients"] = len(clients)
        firm = store.lowest_id("firms")
        for index in range(matters if clients else 0):
            _add_matter(store, rng, clients[index % len(clients)], index, firm)
            counts["matters"] += 1
            counts["matterdebtors"] += 1
    return counts


def _person_values(rng):
    first = rng.choice(FIRST_NAMES)
    return {
        "first_name": first,
        "initials": f"{first[0]}.",
        "name_prefix": rng.choice(PREFIXES),
        "last_name": rng.choice(LAST_NAMES),
        "gender": rng.choice(("Male", "Female", None)),
    }


def _organization_values(rng, index):
    words = (rng.choice(LAST_NAMES), rng.choice(COMPANY_WORDS), rng.choice(LEGAL_FORMS))
    name = " ".join(words)
    return {
        "first_name": "",
        "last_name": "",
        "name_prefix": "",
        "organization_name": f"{name} {index + 1}",
        "organization_number": f"{rng.randrange(10**7, 10**8)}",
        "vat_number": f"NL{rng.randrange(10**8, 10**9)}B01",
    }


def _add_contact(store, rng, index, is_person, addresses):
    values = _person_values(rng) if is_person else _organization_values(rng, index)
    slug = f"c{index + 1}"
    details = [
        {"kind": "phone", "value": f"+31 20 {rng.randrange(10**6, 10**7)}"},
        {"kind": "email", "value": f"info@{slug}.example"},
    ]
    if not is_person:
        details.append({"kind": "email_2", "value": f"facturen@{slug}.example"})
    billing = {"id": store.next_id("addresses")} if addresses else None
    return store.insert(
        "contacts",
        {
            "is_organization": not is_person,
            "is_debtor": billing is not None,
            "invoice_language": "nl",
            "default_billing_address": billing,
            "details": [_detail(store, detail) for detail in details],
            **values,
        },
    )


def _detail(store, detail):
    return {
        "id": store.new_detail_id(),
        **detail,
        "is_billing_to_email": detail["kind"] == "email_2",
        "is_billing_cc_email": False,
        "is_dunning_to_email": False,
    }


def _add_addresses(store, rng, contact, count):
    for position in range(count):
        city, zip_prefix = rng.choice(CITIES)
        store.insert(
            "addresses",
            {
                "contact": {"id": contact["id"]},
                "address_kind": {"id": 1 if position == 0 else 2},
                "address": f"{rng.choice(STREETS)} {rng.randrange(1, 400)}",
                "zipcode": f"{zip_prefix}{rng.randrange(10, 99)} AB",
                "city": city,
                "country": "Nederland",
                "normalized_country": "NL",
                "address_template": 2,
            },
        )


def _count(rng, average):
    """A whole number of records averaging ``average`` (e.g. 1.5 gives 1 or 2)."""
    whole = int(average)
    return whole + (1 if rng.random() < average - whole else 0)


def _link_people(store, rng, organizations, people, per_organization):
    if not organizations or not people:
        return 0
    links = 0
    for organization in organizations:
        chosen = rng.sample(people, min(_count(rng, per_organization), len(people)))
        for person in chosen:
            store.insert(
                "contactcontacts",
                {
                    "organization": {"id": organization["id"]},
                    "person": {"id": person["id"]},
                    "job_description": rng.choice(JOB_DESCRIPTIONS),
                },
            )
            links += 1
    return links


def _add_clients(store, contacts, matters):
    """One client per contact that gets a matter (all contacts when there are fewer)."""
    wanted = min(len(contacts), max(matters, 0))
    clients = []
    for contact in contacts[:wanted]:
        name = contact["organization_name"] or _person_name(contact)
        clients.append(
            store.insert(
                "clients",
                {
                    "contact": {"id": contact["id"]},
                    "name": f"{name} ({contact['number']})",
                },
            )
        )
    return clients


def _person_name(contact):
    parts = (contact["first_name"], contact["name_prefix"], contact["last_name"])
    return " ".join(part for part in parts if part)


def _add_matter(store, rng, client, index, firm):
    opened = date(2020, 1, 1) + timedelta(days=rng.randrange(0, 5 * 365))
    matter = store.insert(
        "matters",
        {
            "name": f"{client['name']} / {rng.choice(MATTER_SUBJECTS)} {index + 1}",
            "client": {"id": client["id"]},
            "firm": {"id": firm} if firm else None,
            "date": opened.isoformat(),
        },
    )
    effects.after_create(store, "matters", matter)
