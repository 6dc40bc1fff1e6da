"""The lookup lists, users and offices a fresh simulator starts with."""


def _named(*names):
    return [{"id": ident, "name": name} for ident, name in enumerate(names, start=1)]


def _definitions(*definitions):
    return [
        {
            "id": ident,
            "identifier": identifier,
            "name": name,
            "widget": widget,
            "active": active,
        }
        for ident, (identifier, name, widget, active) in enumerate(definitions, start=1)
    ]


def _user(ident, username, first, prefix, last, offices=(), **extra):
    return {
        "id": ident,
        "username": username,
        "first_name": first,
        "name_prefix": prefix,
        "last_name": last,
        "email": f"{username}@advocaten.example" if first else "",
        "abbreviation": "".join(part[0] for part in (first, last) if part).upper(),
        "is_active": True,
        "begin_date": "2015-01-01" if first else None,
        "end_date": None,
        "offices": [{"id": office} for office in offices],
        "primary_office": {"id": offices[0]} if offices else None,
        **extra,
    }


def default_data():
    """``{"<resource>": [records]}`` with sensible Dutch lookup data."""
    return {
        "addresskinds": _named(
            "Postadres", "Bezoekadres", "Factuuradres", "Vorig adres"
        ),
        "matterstatuses": _named("Nieuw", "Actief", "Gesloten", "Gearchiveerd"),
        "clientstatuses": _named("Active", "Closed"),
        "sectors": _named("Zakelijke dienstverlening", "Bouw", "Zorg", "Overheid"),
        "branches": _named("ICT", "Detailhandel", "Transport en logistiek"),
        "mattertypes": _named("Advies", "Procedure", "Transactie"),
        "referrers": _named("Website", "Bestaande cliënt", "Netwerk"),
        "practiceareas": _named(
            "Arbeidsrecht", "Ondernemingsrecht", "Vastgoed", "Familierecht"
        ),
        "contactkinds": _named(
            "Cliënt",
            "Wederpartij",
            "Advocaat wederpartij",
            "Deurwaarder",
            "Contactpersoon",
        ),
        "submatterkinds": _named("Hoofddossier", "Subdossier"),
        "firms": _named("Van Dijk Advocaten"),
        "offices": _named("Amsterdam", "Rotterdam"),
        "users": [
            _user(1, "admin", "", "", ""),
            _user(2, "jdevries", "Jan", "de", "Vries", offices=(1,)),
            _user(3, "abakker", "Anne", "", "Bakker", offices=(2, 1)),
            _user(4, "pjansen", "Pieter", "", "Jansen", offices=(2,)),
            _user(5, "mvisser", "Marieke", "", "Visser", offices=(1,), is_active=False),
        ],
        "practicegroups": [
            {"id": 1, "name": "Arbeidsrecht", "current_members": [2, 3]},
            {"id": 2, "name": "Ondernemingsrecht", "current_members": [3, 4]},
            {"id": 3, "name": "Notariaat", "current_members": []},
        ],
        "contactcustomfielddefinitions": _definitions(
            ("wwft", "WWFT", "choice", True),
            ("kvk_checked", "KvK gecontroleerd", "checkbox", True),
            ("old_code", "Oude code", "text", False),
        ),
        "clientcustomfielddefinitions": _definitions(
            ("segment", "Segment", "text", True),
            ("credit_limit", "Kredietlimiet", "number", True),
        ),
        "mattercustomfielddefinitions": _definitions(
            ("dms", "DMS", "url", True),
            ("deadline", "Deadline", "date", True),
            ("confidential", "Vertrouwelijk", "checkbox", True),
        ),
    }
