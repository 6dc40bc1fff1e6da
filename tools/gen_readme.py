"""Build README.rst from the readme/ fragments, the way OCA's generator does.

python3 tools/gen_readme.py          # write README.rst
python3 tools/gen_readme.py --check  # exit 1 when README.rst is stale
"""

import ast
import os
import re
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SECTIONS = [
    ("INSTALL", "Installation"),
    ("CONFIGURE", "Configuration"),
    ("USAGE", "Usage"),
    ("ROADMAP", "Known issues / Roadmap"),
]


def manifest():
    with open(os.path.join(REPO, "__manifest__.py"), encoding="utf-8") as source:
        return ast.literal_eval(source.read())


def fragment(name):
    path = os.path.join(REPO, "readme", f"{name}.rst")
    if not os.path.exists(path):
        return ""
    with open(path, encoding="utf-8") as text:
        return text.read().strip() + "\n"


SECTION = re.compile(r"^    # -+ (.+)$")
SETTINGS = os.path.join(REPO, "models", "settings")
SKIPPED_KEYWORDS = ("compute", "related")


def settings_files():
    """The files of the settings package, in the order it imports them."""
    with open(os.path.join(SETTINGS, "__init__.py"), encoding="utf-8") as init:
        names = re.findall(r"^from \. import (\w+)$", init.read(), re.MULTILINE)
    return [os.path.join(SETTINGS, f"{name}.py") for name in names]


def config_fields():
    """(section, field, default, help) of every setting of legalsense.config.

    Read from the sources of the settings package: the fields below a section
    comment ("Authentication", "Import — General", ...), file by file.
    """
    rows = []
    for path in settings_files():
        rows += file_fields(path)
    return rows


def file_fields(path):
    """(section, field, default, help) of the settings declared in ``path``."""
    with open(path, encoding="utf-8") as source:
        text = source.read()
    sections = []
    for number, line in enumerate(text.splitlines(), 1):
        match = SECTION.match(line)
        if match:
            sections.append((number, match.group(1).strip()))
    rows = []
    for model in ast.parse(text).body:
        if not (isinstance(model, ast.ClassDef) and model.name == "LegalsenseConfig"):
            continue
        for node in model.body:
            section = [title for number, title in sections if number < node.lineno]
            field = setting_field(node) if section else None
            if field:
                rows.append((section[-1], *field))
    return rows


def setting_field(node):
    """(name, default, help) when ``node`` declares a setting, else None."""
    if not (
        isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Call)
        and ast.unparse(node.value.func).startswith("fields.")
    ):
        return None
    keywords = {keyword.arg: keyword.value for keyword in node.value.keywords}
    if any(key in keywords for key in SKIPPED_KEYWORDS) and "inverse" not in keywords:
        return None
    readonly = keywords.get("readonly")
    if "help" not in keywords or (readonly is not None and literal(readonly)):
        return None
    name = node.targets[0].id
    default = literal(keywords.get("default"))
    if ast.unparse(node.value.func) == "fields.Boolean" and default == "":
        default = False
    return name, default, literal(keywords["help"])


def literal(node):
    if node is None:
        return ""
    if isinstance(node, ast.Lambda):
        return "(computed)"
    if isinstance(node, ast.JoinedStr):
        return "".join(
            part.value if isinstance(part, ast.Constant) else ast.unparse(part.value)
            for part in node.values
        )
    try:
        return ast.literal_eval(node)
    except ValueError:
        return ast.unparse(node)


def settings_table():
    """The settings reference, one row per field, grouped like the form."""
    lines = [
        heading("Settings reference", "~"),
        "Every setting of the manual's Configuration Reference is a field of",
        "``legalsense.config`` named after the setting in snake_case",
        "(``SyncMatterIfVerified`` → ``sync_matter_if_verified``). Generated from",
        "the model by ``tools/gen_readme.py``.",
        "",
    ]
    current = None
    for section, name, default, help_text in config_fields():
        if section != current:
            if current is not None:
                lines.append("")
            lines += [
                f"**{section}**",
                "",
                ".. list-table::",
                "   :header-rows: 1",
                "   :widths: 30 12 58",
                "",
                "   * - Field",
                "     - Default",
                "     - Meaning",
            ]
            current = section
        lines += [
            f"   * - ``{name}``",
            f"     - {rst_default(default)}",
            f"     - {rst_text(help_text)}",
        ]
    return "\n".join(lines) + "\n"


def rst_default(value):
    if value in ("", None, False):
        return "\\-" if value in ("", None) else "false"
    if value is True:
        return "true"
    return f"``{value}``"


def rst_text(value):
    text = " ".join(str(value).split())
    return re.sub(r"([*`|_\\])", r"\\\1", text)


def heading(title, underline):
    return f"{title}\n{underline * len(title)}\n"


def render():
    info = manifest()
    parts = [
        "=" * len(info["name"]),
        info["name"],
        "=" * len(info["name"]),
        "",
        ".. !! This file is generated by tools/gen_readme.py from readme/*.rst !!",
        "",
        f"|license| **{info['summary']}** (``{info['version']}``)",
        "",
        ".. |license| image:: https://img.shields.io/badge/licence-"
        + info["license"].replace("-", "--")
        + "-blue.png",
        "",
        fragment("DESCRIPTION"),
        "**Table of contents**",
        "",
        ".. contents::",
        "   :local:",
        "",
    ]
    for name, title in SECTIONS:
        text = fragment(name)
        if name == "CONFIGURE":
            text += "\n" + settings_table()
        if text:
            parts += [heading(title, "="), text]
    parts += [
        heading("Credits", "="),
        heading("Authors", "~"),
        f"* {info['author']}",
        "",
        heading("Contributors", "~"),
        fragment("CONTRIBUTORS"),
    ]
    return "\n".join(parts).rstrip() + "\n"


def check_syntax(text):
    """Fail on any reStructuredText warning or error."""
    import docutils.core  # pylint: disable=import-outside-toplevel

    docutils.core.publish_string(
        text,
        writer_name="null",
        settings_overrides={"report_level": 2, "halt_level": 2},
    )


def main():
    text = render()
    check_syntax(text)
    path = os.path.join(REPO, "README.rst")
    if "--check" in sys.argv:
        with open(path, encoding="utf-8") as current:
            if current.read() != text:
                sys.exit("README.rst is stale: run python3 tools/gen_readme.py")
        return
    with open(path, "w", encoding="utf-8") as readme:
        readme.write(text)


if __name__ == "__main__":
    main()
