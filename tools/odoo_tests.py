"""Run the addon's Odoo layer: install, test and upgrade in fresh databases.

Called by ``tools/run_tests.sh`` when Odoo 18.0 is importable.  It

1. installs ``legalsense`` without demo data into a new database and runs the
   addon's tests (``--test-tags /legalsense``);
2. runs the partner sync tests again in that database the way OCA developers
   do, with pytest-odoo (``pytest -p odoo --odoo-database=<db>``);
3. installs it with demo data into another new database, then upgrades it
   (``-u legalsense``);

and fails when a test fails or when Odoo logs an ERROR or CRITICAL line.
Its closing lines name the Odoo build and the queue_job release it ran
against; the last one is ``odoo: N passed, M failed``.
"""

import glob
import hashlib
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


PYTEST_ODOO_TESTS = "tests/test_partner_sync_*.py"
DEMO_TEST_CLASS = "TestDemoData"
PYTEST_SUMMARY = re.compile(r"=+ (.*) in [\d.]+s")
BUILD_FILES = ("release.py", "api.py", "http.py", "tests/common.py")


def odoo_build():
    """The Odoo build under test: series, a digest of its core files, where."""
    root = odoo.__path__[0]
    digest = hashlib.sha256()
    for name in BUILD_FILES:
        with open(os.path.join(root, name), "rb") as source:
            digest.update(source.read())
    private = "yes" if hasattr(odoo.api, "private") else "no"
    return (
        f"Odoo {odoo.release.version} build {digest.hexdigest()[:12]} "
        f"(odoo.api.private: {private}) from {os.path.dirname(root)}"
    )


def queue_job_release():
    """The version of the queue_job addon Odoo loads, from its manifest."""
    from odoo.modules.module import get_manifest

    manifest = get_manifest("queue_job")
    return manifest.get("version", "?") if manifest else "not found"


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


def run_pytest_odoo(database, work_dir):
    """The partner sync tests through pytest-odoo; return (passed, failed)."""
    link = os.path.join(work_dir, "addons", "legalsense")
    # Paths through the link, from outside it: the tests are imported as
    # odoo.addons.legalsense.tests, whatever the checkout's folder is named.
    tests = [
        os.path.relpath(test, work_dir)
        for test in sorted(glob.glob(os.path.join(link, PYTEST_ODOO_TESTS)))
    ]
    command = [
        sys.executable,
        "-m",
        "pytest",
        "-p",
        "odoo",
        f"--odoo-database={database}",
        f"--odoo-addons-path={addons_path(os.path.dirname(link))}",
        f"--odoo-extra=data-dir={os.path.join(work_dir, 'data')}",
        *tests,
    ]
    print("$", " ".join(command[2:]), flush=True)
    process = subprocess.run(
        command,
        cwd=work_dir,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    print(process.stdout)
    summary = PYTEST_SUMMARY.search(process.stdout.strip().splitlines()[-1])
    counts = {}
    for part in summary.group(1).split(", ") if summary else ():
        number, _space, kind = part.partition(" ")
        counts[kind.rstrip("s")] = int(number)
    failed = counts.get("failed", 0) + counts.get("error", 0)
    if process.returncode and not failed:
        failed = 1
    return counts.get("passed", 0), failed


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


def count_tests(lines):
    """(failed, run) from the summaries Odoo's test runner printed."""
    failed = run = 0
    for line in lines:
        match = SUMMARY.search(line)
        if match:
            failed += int(match.group(1)) + int(match.group(2))
            run += int(match.group(3))
    return failed, run


def problems(lines):
    return [line for line in lines if PROBLEM.match(line)]


def main():
    work_dir = tempfile.mkdtemp(prefix="legalsense-odoo-")
    os.makedirs(os.path.join(work_dir, "addons"))
    os.symlink(REPO, os.path.join(work_dir, "addons", "legalsense"))
    bad = []
    tests_run = tests_failed = 0
    pytest_passed = pytest_failed = 0
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
        tests_failed, tests_run = count_tests(lines)
        pytest_passed, pytest_failed = run_pytest_odoo(test_db, work_dir)
        drop_database(demo_db)
        bad += problems(prepare_database(demo_db, work_dir, demo=True))
        # The demo firm's own tests run where its data is (skipped elsewhere).
        lines = run_odoo(
            [
                "-d",
                demo_db,
                "-i",
                "legalsense",
                "--test-enable",
                "--test-tags",
                f"/legalsense:{DEMO_TEST_CLASS}",
                "--log-level=test",
            ],
            work_dir,
        )
        bad += problems(lines)
        failed, run = count_tests(lines)
        tests_failed += failed
        tests_run += run
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
    print(f"\nThe Odoo layer ran on {odoo_build()}")
    print(f"with queue_job {queue_job_release()}.")
    print(
        f"pytest-odoo (partner sync tests): {pytest_passed} passed, "
        f"{pytest_failed} failed"
    )
    passed = tests_run - tests_failed + pytest_passed
    failed = tests_failed + pytest_failed
    print(f"odoo: {passed} passed, {failed} failed")
    return 1 if failed or not tests_run or not pytest_passed else 0


if __name__ == "__main__":
    sys.exit(main())
