"""Start a demo: the LegalSense simulator with the demo firm's data, and Odoo.

    python3 tools/demo.py [--port 8899] [--odoo-port 8069] [--contacts 200]

The simulator always starts (on 127.0.0.1), holding the LegalSense records of
the addon's demo data (``demo/legalsense_simulator_demo.json``, the records
the demo partners and matters are linked to) and, after them, ``--contacts``
generated contacts and half as many matters to import.  When Odoo 18.0 is importable, a
database ``legalsense_demo`` is created once (``mail`` first, then
``legalsense`` with demo data), its LegalSense settings are pointed at the
simulator, and Odoo runs with the job runner in the foreground.  Without
Odoo the script says what is missing and keeps only the simulator running.
Everything the demo writes lives in ``~/.legalsense-demo``.
"""

import argparse
import os
import secrets
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WORK_DIR = os.path.expanduser("~/.legalsense-demo")
DB_NAME = "legalsense_demo"
FIXTURE = os.path.join(REPO, "demo", "legalsense_simulator_demo.json")
API_USER, API_PASSWORD = "demo", "demo-password"

CONFIGURE = """
config = env["legalsense.config"]._get_config()
if not config:
    config = env["legalsense.config"].create({{"company_id": env.company.id}})
config.write({{
    "url": "{url}",
    "username": "{user}",
    "password": "{password}",
    "disabled": False,
}})
env.cr.commit()
"""


def say(text):
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def simulator_arguments(port, contacts):
    """The arguments of ``python -m legalsense_simulator`` for the demo."""
    return [
        "--port",
        str(port),
        "--username",
        API_USER,
        "--password",
        API_PASSWORD,
        "--fixture",
        FIXTURE,
        "--generate-contacts",
        str(contacts),
        "--generate-matters",
        str(contacts // 2),
    ]


def start_simulator(port, contacts):
    command = [
        sys.executable,
        "-m",
        "legalsense_simulator",
        *simulator_arguments(port, contacts),
    ]
    simulator = subprocess.Popen(command, cwd=REPO)
    time.sleep(1.5)
    if simulator.poll() is not None:
        sys.exit(f"The simulator did not start (exit {simulator.returncode}).")
    return simulator


def odoo_series():
    probe = subprocess.run(
        [sys.executable, "-c", "import odoo.release as r; print(r.series)"],
        capture_output=True,
        text=True,
        check=False,
    )
    return probe.stdout.strip() if probe.returncode == 0 else ""


def addons_path():
    import odoo.addons  # pylint: disable=import-outside-toplevel

    link_dir = os.path.join(WORK_DIR, "addons")
    os.makedirs(link_dir, exist_ok=True)
    link = os.path.join(link_dir, "legalsense")
    if not os.path.islink(link):
        os.symlink(REPO, link)
    paths = [link_dir, *odoo.addons.__path__]
    source_addons = os.path.join(os.path.dirname(odoo.__path__[0]), "addons")
    if os.path.isdir(source_addons):
        paths.append(source_addons)
    return ",".join(paths)


def write_odoo_config(odoo_port):
    """An odoo.conf for the demo, with the job runner and an encryption key."""
    path = os.path.join(WORK_DIR, "odoo.conf")
    if os.path.exists(path):
        return path
    lines = [
        "[options]",
        f"addons_path = {addons_path()}",
        f"data_dir = {os.path.join(WORK_DIR, 'data')}",
        f"db_name = {DB_NAME}",
        f"dbfilter = ^{DB_NAME}$",
        "http_interface = 127.0.0.1",
        f"http_port = {odoo_port}",
        "server_wide_modules = web,queue_job",
        "workers = 0",
        f"legalsense_encryption_key = {fernet_key()}",
        "",
        "[queue_job]",
        "channels = root:2,root.legalsense:1",
        "",
    ]
    with open(path, "w", encoding="utf-8") as conf:
        conf.write("\n".join(lines))
    os.chmod(path, 0o600)
    return path


def fernet_key():
    import base64  # pylint: disable=import-outside-toplevel

    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def run_odoo(conf, *args, stdin=None):
    command = [sys.executable, "-m", "odoo", *args, "-c", conf]
    return subprocess.run(command, input=stdin, text=True, check=True)


def database_exists():
    probe = subprocess.run(
        ["psql", "-lqt"], capture_output=True, text=True, check=False
    )
    return any(
        line.split("|")[0].strip() == DB_NAME for line in probe.stdout.splitlines()
    )


def prepare_database(conf, simulator_url):
    if not database_exists():
        say(f"Creating the database {DB_NAME} (a few minutes the first time)...")
        run_odoo(conf, "-d", DB_NAME, "-i", "mail", "--stop-after-init")
        run_odoo(conf, "-d", DB_NAME, "-i", "legalsense", "--stop-after-init")
    script = CONFIGURE.format(url=simulator_url, user=API_USER, password=API_PASSWORD)
    run_odoo(conf, "shell", "-d", DB_NAME, "--no-http", stdin=script)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=8899, help="simulator port")
    parser.add_argument("--odoo-port", type=int, default=8069)
    parser.add_argument("--contacts", type=int, default=200)
    args = parser.parse_args()
    os.makedirs(WORK_DIR, exist_ok=True)

    simulator = start_simulator(args.port, args.contacts)
    simulator_url = f"http://127.0.0.1:{args.port}/"
    say(f"LegalSense simulator: {simulator_url} (user {API_USER})")
    try:
        series = odoo_series()
        if series != "18.0":
            found = (
                f"Odoo {series} is installed" if series else "Odoo is not importable"
            )
            say(
                f"{found} for {sys.executable}: only the simulator runs. "
                "Install Odoo 18.0 and the requirements (see README.rst, "
                "Installation) to get the Odoo side of the demo."
            )
            simulator.wait()
            return
        conf = write_odoo_config(args.odoo_port)
        prepare_database(conf, simulator_url)
        say(
            f"Odoo: http://127.0.0.1:{args.odoo_port}/odoo\n"
            f"  login: admin / admin (database {DB_NAME})\n"
            f"  LegalSense settings point at {simulator_url}"
        )
        run_odoo(conf, "-d", DB_NAME)
    except KeyboardInterrupt:
        pass
    finally:
        simulator.terminate()


if __name__ == "__main__":
    main()
