"""§ Custom Fields: the value of each kind of rule, and SyncToDefaultThenCustom."""

import datetime
import decimal

import pytest

from legalsense_mapping.custom_field_values import (
    CONTACT_STANDARD_FIELDS,
    custom_field_values,
    split_standard_and_custom,
    wire_value,
)
from legalsense_mapping.custom_fields import parse_custom_fields
from legalsense_mapping.settings import MappingSettings
from legalsense_mapping.sources import ContactSource, LookupValue

LAW = LookupValue("LAW", "Recht", external_id="L-ROOT")
TAX = LookupValue("TAX", "Belastingrecht", parent=LAW)
VAT_LAW = LookupValue("VATLAW", "Btw-recht", parent=TAX, field_code="Expertise")
WWFT = LookupValue("HIGH", "Hoog risico", field_code="WWFT")
WWFT_LS = LookupValue("LOW", "Laag risico", external_id="1", field_code="WWFT2")
SOURCE = ContactSource(
    odoo_id=1,
    is_company=True,
    lookup_values=(WWFT, VAT_LAW, WWFT_LS),
    industry=LookupValue("6201", "Software", parent=LookupValue("62", "ICT")),
    dmsforlegal_code="https://dms.example/clients/1",
    field_values={
        "ref": "A-1",
        "x_since": datetime.date(2001, 2, 3),
        "x_pep": True,
        "x_not_pep": False,
        "x_count": 3,
        "x_empty": "",
        "x_none": None,
        "x_amount": decimal.Decimal("12.50"),
        "x_country": LookupValue("NL", external_id="Nederland"),
    },
)


@pytest.mark.parametrize(
    ("mapping", "expected"),
    [
        pytest.param(
            "ref=Reference", {"Reference": "A-1"}, id="<CM field name>=<LS name>"
        ),
        pytest.param(
            "LookupField.WWFT=WWFT",
            {"WWFT": "HIGH"},
            id="LookupField.WWFT=WWFT: the Code",
        ),
        pytest.param(
            "LookupField.WWFT2=Risk",
            {"Risk": "1"},
            id="LEGALSENSE external id overrides the Code",
        ),
        pytest.param(
            "LookupField.Expertise=Expertise",
            {"Expertise": "VATLAW"},
            id="hierarchical lookup field: the value itself",
        ),
        pytest.param(
            "LookupField.Expertise.Parent=Expertise",
            {"Expertise": "TAX"},
            id="LookupField.Expertise.Parent: the direct parent",
        ),
        pytest.param(
            "LookupField.Expertise.Root=ExpertiseRoot",
            {"ExpertiseRoot": "L-ROOT"},
            id="LookupField.Expertise.Root: the root/top value (its external id)",
        ),
        pytest.param("IndustryCode=Sbi", {"Sbi": "6201"}, id="IndustryCode"),
        pytest.param(
            "IndustryCode.Parent=Sbi", {"Sbi": "62"}, id="IndustryCode.Parent"
        ),
        pytest.param("IndustryCode.Root=Sbi", {"Sbi": "62"}, id="IndustryCode.Root"),
        pytest.param(
            "DMSFORLEGAL=Dossier",
            {"Dossier": "https://dms.example/clients/1"},
            id="DMSFORLEGAL=<LS custom field name>",
        ),
        pytest.param(
            "LookupField.wwft=WWFT",
            {"WWFT": "HIGH"},
            id="lookup field code case-insensitive",
        ),
        pytest.param(
            "LookupField.MISSING=Missing",
            {"Missing": None},
            id="no value of that lookup field: null (removes the LS value)",
        ),
        pytest.param(
            "LookupField.WWFT.Parent=P",
            {"P": None},
            id=".Parent of a top value: null",
        ),
        pytest.param(
            "LookupField.WWFT.Root=R",
            {"R": "HIGH"},
            id=".Root of a top value: the value itself",
        ),
        pytest.param("x_unknown=U", {"U": None}, id="field not handed over: null"),
        pytest.param(
            "ref=A;LookupField.WWFT=B;DMSFORLEGAL=C",
            {"A": "A-1", "B": "HIGH", "C": "https://dms.example/clients/1"},
            id="several rules, semicolon-separated",
        ),
        pytest.param("", {}, id="no rules: nothing"),
    ],
)
def test_custom_field_rule_values(mapping, expected):
    assert custom_field_values(parse_custom_fields(mapping), SOURCE) == expected


def test_industry_code_without_industry_is_null():
    source = ContactSource(odoo_id=1, is_company=True)
    rules = parse_custom_fields("IndustryCode=Sbi;DMSFORLEGAL=Dms")
    assert custom_field_values(rules, source) == {"Sbi": None, "Dms": None}


@pytest.mark.parametrize(
    ("field", "expected"),
    [
        pytest.param("x_since", "2001-02-03", id="date as yyyy-MM-dd"),
        pytest.param("x_pep", True, id="boolean true"),
        pytest.param("x_not_pep", False, id="boolean false"),
        pytest.param("x_count", 3, id="number"),
        pytest.param("x_amount", 12.5, id="decimal as number"),
        pytest.param("x_empty", None, id="empty text: null"),
        pytest.param("x_none", None, id="None: null"),
        pytest.param("x_country", "Nederland", id="lookup value: external id or code"),
    ],
)
def test_custom_field_value_types(field, expected):
    values = custom_field_values(parse_custom_fields(f"{field}=F"), SOURCE)
    assert values == {"F": expected}
    assert type(values["F"]) is type(expected)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (datetime.datetime(2024, 5, 6, 7, 8), "2024-05-06"),
        (" text ", "text"),
        (0, 0),
    ],
)
def test_wire_value(value, expected):
    assert wire_value(value) == expected


VALUES = {"initials": "J.", "WWFT": "HIGH", "has_dunning": "ja", "birthdate": None}


@pytest.mark.parametrize(
    ("setting", "standard", "custom"),
    [
        pytest.param(
            False,
            {},
            VALUES,
            id="SyncToDefaultThenCustom false: always custom_fields only",
        ),
        pytest.param(
            True,
            {"initials": "J.", "has_dunning": True, "birthdate": None},
            {"WWFT": "HIGH"},
            id="SyncToDefaultThenCustom true: standard property first, else custom",
        ),
    ],
)
def test_split_standard_and_custom(setting, standard, custom):
    settings = MappingSettings(sync_to_default_then_custom=setting)
    assert split_standard_and_custom(VALUES, CONTACT_STANDARD_FIELDS, settings) == (
        standard,
        custom,
    )


@pytest.mark.parametrize(
    ("values", "standard"),
    [
        pytest.param({"title": None}, {"title": ""}, id="null text property: ''"),
        pytest.param(
            {"is_debtor": "1"}, {"is_debtor": True}, id="yes/no word: boolean"
        ),
        pytest.param({"has_dunning": "maybe"}, {"has_dunning": False}, id="not a word"),
        pytest.param({"vat_number": 123}, {"vat_number": "123"}, id="text as string"),
        pytest.param({"Initials": "J."}, {}, id="names compare exactly"),
    ],
)
def test_standard_property_values(values, standard):
    settings = MappingSettings(sync_to_default_then_custom=True)
    result, _custom = split_standard_and_custom(
        values, CONTACT_STANDARD_FIELDS, settings
    )
    assert result == standard
