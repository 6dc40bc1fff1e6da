import pytest

from legalsense_mapping.custom_fields import (
    LEVEL_NONE,
    LEVEL_PARENT,
    LEVEL_ROOT,
    SOURCE_DMSFORLEGAL,
    SOURCE_FIELD,
    SOURCE_INDUSTRY_CODE,
    SOURCE_LOOKUP_FIELD,
    CustomFieldRule,
    parse_custom_fields,
)


def rule(source, code, level, ls_name):
    return CustomFieldRule(source, code, level, ls_name)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        (None, []),
        ("  ;  ", []),
        ("ref=Reference", [rule(SOURCE_FIELD, "ref", LEVEL_NONE, "Reference")]),
        (
            " vat = Client VAT number ",
            [rule(SOURCE_FIELD, "vat", LEVEL_NONE, "Client VAT number")],
        ),
        (
            "LookupField.WWFT=WWFT",
            [rule(SOURCE_LOOKUP_FIELD, "WWFT", LEVEL_NONE, "WWFT")],
        ),
        (
            "LookupField.Expertise.Parent=Expertise",
            [rule(SOURCE_LOOKUP_FIELD, "Expertise", LEVEL_PARENT, "Expertise")],
        ),
        (
            "LookupField.Expertise.Root=ExpertiseRoot",
            [rule(SOURCE_LOOKUP_FIELD, "Expertise", LEVEL_ROOT, "ExpertiseRoot")],
        ),
        (
            "lookupfield.aml-risk.root=AML",
            [rule(SOURCE_LOOKUP_FIELD, "aml-risk", LEVEL_ROOT, "AML")],
        ),
        ("IndustryCode=SBI", [rule(SOURCE_INDUSTRY_CODE, "", LEVEL_NONE, "SBI")]),
        (
            "IndustryCode.Parent=SBI group",
            [rule(SOURCE_INDUSTRY_CODE, "", LEVEL_PARENT, "SBI group")],
        ),
        ("IndustryCode.Root=SBI", [rule(SOURCE_INDUSTRY_CODE, "", LEVEL_ROOT, "SBI")]),
        ("DMSFORLEGAL=Dossier", [rule(SOURCE_DMSFORLEGAL, "", LEVEL_NONE, "Dossier")]),
        (
            "ref=Reference;LookupField.WWFT=WWFT;DMSFORLEGAL=Dossier;",
            [
                rule(SOURCE_FIELD, "ref", LEVEL_NONE, "Reference"),
                rule(SOURCE_LOOKUP_FIELD, "WWFT", LEVEL_NONE, "WWFT"),
                rule(SOURCE_DMSFORLEGAL, "", LEVEL_NONE, "Dossier"),
            ],
        ),
    ],
)
def test_parse_valid(text, expected):
    assert parse_custom_fields(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("ref", "'ref' has no '='"),
        ("=Reference", "nothing before '='"),
        ("ref=", "no LegalSense custom field name after '='"),
        ("ref=a=b", "more than one '='"),
        ("LookupField=WWFT", "write LookupField.<code>"),
        ("LookupField.=WWFT", "write LookupField.<code>"),
        ("LookupField.W W=WWFT", "'W W' is not a lookup field code"),
        ("LookupField.WWFT.Top=WWFT", "'Top' is not a level"),
        ("LookupField.WWFT.Parent.Root=WWFT", "'Parent.Root' is not a level"),
        ("IndustryCode.Child=SBI", "'Child' is not a level"),
        ("DMSFORLEGAL.Parent=Dossier", "DMSFORLEGAL takes no"),
        ("ref.Parent=Reference", "only LookupField.<code> and IndustryCode"),
        ("2ref=Reference", "'2ref' is not a field name"),
        ("my field=Reference", "'my field' is not a field name"),
        ("a=X;b=x", "'x' is mapped twice ('a=X' and 'b=x')"),
        ("ref=Reference;oops", "'oops' has no '='"),
    ],
)
def test_parse_invalid(text, message):
    with pytest.raises(ValueError) as raised:
        parse_custom_fields(text)
    assert message in str(raised.value)


def test_rules_are_frozen():
    (parsed,) = parse_custom_fields("ref=Reference")
    with pytest.raises(AttributeError):
        parsed.ls_name = "Other"
