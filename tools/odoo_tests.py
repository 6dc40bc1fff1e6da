"""Run the addon's Odoo layer: install, test and upgrade in fresh databases.

Called by ``tools/run_tests.sh`` when Odoo 18.0 is importable.  It

1. installs ``legalsense`` without demo data into a new database and runs the
   addon's tests (``--test-tags /legalsense``);
2. installs it with demo data into another new database, then upgrades it
   (``-u legalsense``);

and fails when a test fails or when Odoo logs an ERROR or CRITICAL line.
The last line it prints is ``odoo: N passed, M failed``.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile

import odoo

import odoo.addons

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB_PREFIX = os.environ.get("LEGALSENSE_TEST_DB", "legalsense_test")
SUMMARY = re.compile(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests")
PROBLEM = re.compile(r"^\S+ \S+ \d+ (ERROR|CRITICAL) ")


def addons_path(link_dir):
    """The addons path: the repo (as ``legalsense``), Odoo's and the OCA ones."""
    paths = [link_dir]
    paths += [p for p in os.environ.get("ODOO_ADDONS_PATH", "").split(",") if p]
    paths += list(odoo.addons.__path__)
    source_addons = os.path.join(os.path.dirname(odoo.__path__[0]), "addons")
    if os.path.isdir(source_addons):
        paths.append(source_addons)
    return ",".join(dict.fromkeys(os.path.realpath(p) for p in paths))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def drop_database(name):
    subprocess.run(["dropdb", "--if-exists", name], check=False)


def run_odoo(args, work_dir):
    """Run Odoo with ``args``; return its log lines (also echoed)."""
    command = [
        sys.executable,
        "-m",
        "odoo",
        "--addons-path",
        addons_path(os.path.join(work_dir, "addons")),
        "--data-dir",
        os.path.join(work_dir, "data"),
        "--http-interface",
        "127.0.0.1",
        "--http-port",
        str(free_port()),
        "--stop-after-init",
        "--max-cron-threads",
        "0",
        *args,
    ]
    print("$", " ".join(command[2:]), flush=True)
    process = subprocess.run(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    lines = process.stdout.splitlines()
    for line in lines:
        print(line)
    if process.returncode:
        lines.append(f"0000-00-00 00:00:00,000 0 ERROR exit code {process.returncode}")
    return lines


def prepare_database(name, work_dir, demo):
    """Create the database with ``mail`` installed first.

    ``partner_firstname`` (through ``l10n_nl_partner_name``'s name compute)
    rejects the OdooBot partner that ``mail`` writes while both are installed
    in one go; a database that has ``mail`` already, like any real one, is fine.
    """
    return run_odoo(
        ["-d", name, "-i", "mail"] + ([] if demo else ["--without-demo=all"]),
        work_dir,
    )


def problems(lines):
    return [line for line in lines if PROBLEM.match(line)]


def main():
    work_dir = tempfile.mkdtemp(prefix="legalsense-odoo-")
    os.makedirs(os.path.join(work_dir, "addons"))
    os.symlink(REPO, os.path.join(work_dir, "addons", "legalsense"))
    bad = []
    tests_run = tests_failed = 0
    try:
        test_db, demo_db = f"{DB_PREFIX}_nodemo", f"{DB_PREFIX}_demo"
        drop_database(test_db)
        bad += problems(prepare_database(test_db, work_dir, demo=False))
        lines = run_odoo(
            [
                "-d",
                test_db,
                "-i",
                "legalsense",
                "--without-demo=all",
                "--test-enable",
                "--test-tags",
                "/legalsense",
                "--log-level=test",
            ],
            work_dir,
        )
        bad += problems(lines)
        for line in lines:
            match = SUMMARY.search(line)
            if match:
                tests_failed += int(match.group(1)) + int(match.group(2))
                tests_run += int(match.group(3))
        drop_database(demo_db)
        bad += problems(prepare_database(demo_db, work_dir, demo=True))
        bad += problems(run_odoo(["-d", demo_db, "-i", "legalsense"], work_dir))
        bad += problems(run_odoo(["-d", demo_db, "-u", "legalsense"], work_dir))
        if not os.environ.get("LEGALSENSE_KEEP_DB"):
            drop_database(test_db)
            drop_database(demo_db)
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)
    if bad:
        print("\nOdoo reported problems:")
        print("\n".join(bad))
        tests_failed = max(tests_failed, 1)
    print(f"odoo: {tests_run - tests_failed} passed, {tests_failed} failed")
    return 1 if tests_failed or not tests_run else 0


if __name__ == "__main__":
    sys.exit(main())
