"""The database a benchmark measures in: a given one, or a new one dropped after."""

import os
import shutil
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "tools"))

import odoo_tests

import odoo


def run_in_database(run, database, new_database_name, keep=False, source=None):
    """Call ``run(name)`` with Odoo configured for a database with legalsense.

    ``database``: an existing database to use as it is; when empty, a new
    database ``new_database_name`` is created (``mail`` first, then
    legalsense, like tools/odoo_tests.py) and dropped afterwards, unless
    ``keep``. Odoo's configuration then names the data directory the new
    database was created with (its filestore): ``odoo.tools.config``.
    ``source``: the folder of the addon to use (default: this checkout).
    """
    work_dir = tempfile.mkdtemp(prefix="legalsense-bench-")
    os.makedirs(os.path.join(work_dir, "addons"))
    os.symlink(
        source or odoo_tests.REPO, os.path.join(work_dir, "addons", "legalsense")
    )
    name = database or new_database_name
    try:
        if not database:
            odoo_tests.drop_database(name)
            odoo_tests.prepare_database(name, work_dir, demo=False)
            odoo_tests.run_odoo(
                ["-d", name, "-i", "legalsense", "--without-demo=all"], work_dir
            )
        addons = odoo_tests.addons_path(os.path.join(work_dir, "addons"))
        options = ["--addons-path", addons, "-d", name]
        if not database:
            options += ["--data-dir", os.path.join(work_dir, "data")]
        odoo.tools.config.parse_config(options)
        run(name)
    finally:
        # Close this process's connections, else the database cannot be dropped.
        odoo.modules.registry.Registry.delete(name)
        odoo.sql_db.close_db(name)
        if not database and not keep:
            odoo_tests.drop_database(name)
        if not keep:
            shutil.rmtree(work_dir, ignore_errors=True)


def run_in_new_database(run, prefix, keep=False, source=None):
    """``run(name)``'s exit code, run in a new database ``<prefix>_<pid>``
    with the addon of ``source`` (a frozen copy, removed afterwards unless
    ``keep``); 2 when it could not run."""
    outcome = []
    run_in_database(
        lambda name: outcome.append(run(name)),
        None,
        f"{prefix}_{os.getpid()}",
        keep=keep,
        source=source,
    )
    if source and not keep:
        shutil.rmtree(os.path.dirname(source), ignore_errors=True)
    return outcome[0] if outcome else 2
