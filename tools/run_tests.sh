#!/usr/bin/env bash
# Run every test of the addon, in two layers.
#
# 1. The Odoo-free layer (LegalSense client, simulator, pure mapping rules):
#    plain pytest, always.
# 2. The Odoo layer (models, views, jobs, wizards, cron, controllers): Odoo's
#    test runner in a fresh database with `legalsense` installed, wherever
#    Odoo 18.0 is importable.  Elsewhere it is skipped, with one line saying so.
#
# Environment:
#   PYTHON              the interpreter (default: python3)
#   ODOO_ADDONS_PATH    extra addons paths, comma-separated (the OCA
#                       dependencies when they are not installed as wheels)
#   LEGALSENSE_TEST_DB  database name prefix (default: legalsense_test)
#   PGHOST, PGPORT, PGUSER, PGPASSWORD  PostgreSQL connection
set -uo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
python=${PYTHON:-python3}
cd "$here" || exit 2

echo "== Odoo-free layer: pytest"
"$python" -m pytest
pure_rc=$?
if [ "$pure_rc" -ne 0 ]; then
    echo "The Odoo-free tests failed (exit $pure_rc)."
    exit "$pure_rc"
fi

echo "== Odoo layer"
if ! odoo_version=$("$python" -c 'import odoo.release as r; print(r.series)' 2>/dev/null); then
    echo "The Odoo layer did not run: Odoo is not importable by $python (install Odoo 18.0 to run it); only the Odoo-free layer was tested."
    exit 0
fi
if [ "$odoo_version" != "18.0" ]; then
    echo "The Odoo layer did not run: Odoo $odoo_version is installed, the addon needs 18.0; only the Odoo-free layer was tested."
    exit 0
fi
exec "$python" "$here/tools/odoo_tests.py"
