#!/usr/bin/env bash
# The OCA checks CI runs from the package registries: ruff, ruff-format,
# pylint-odoo's mandatory checks and prettier on the XML files.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
python=${PYTHON:-python3}
status=0

echo "== ruff"
"$python" -m ruff check --no-fix . || status=1
"$python" -m ruff format --check . || status=1

echo "== pylint-odoo (mandatory checks)"
# The addon's Python files; the simulator and the command-line tools are
# developer programs (they print, and their classes are not Odoo models).
"$python" -m pylint --rcfile=.pylintrc-mandatory \
    $(git ls-files '*.py' | grep -vE '^(setup|tools|bench|legalsense_simulator)/') \
    || status=1

echo "== README.rst is generated from readme/ and the settings model"
"$python" tools/gen_readme.py --check || status=1

if command -v npx >/dev/null 2>&1 && [ -n "$(git ls-files '*.xml')" ]; then
    echo "== prettier (XML)"
    prettier_dir=$(mktemp -d)
    if npm install --silent --prefix "$prettier_dir" prettier@2.7.1 \
        @prettier/plugin-xml@2.2.0 >/dev/null 2>&1; then
        "$prettier_dir/node_modules/.bin/prettier" \
            --plugin="$prettier_dir/node_modules/@prettier/plugin-xml" \
            --check $(git ls-files '*.xml') || status=1
    else
        echo "prettier skipped: it could not be installed from the npm registry."
    fi
    rm -rf "$prettier_dir"
fi
exit $status
