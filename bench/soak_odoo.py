"""The Odoo side of the soak: the server process, XML-RPC, the job queue.

``OdooServer`` runs ``python3 -m odoo`` in multi-worker mode with the job
runner (``server_wide_modules = base,web,queue_job``, channel
``root.legalsense:1``) on 127.0.0.1. ``Rpc`` is one XML-RPC client (one
per thread). ``JobQueue`` reads the ``queue_job`` table directly (read
only), so that watching the queue costs no Odoo worker.
"""

import os
import shutil
import signal
import subprocess
import sys
import time
import xmlrpc.client

import psutil
import psycopg2

import odoo

CHANNEL = "root.legalsense"
RUNNING = ("pending", "enqueued", "started", "wait_dependencies")
RPC_TIMEOUT = 60
START_TIMEOUT = 120
STOP_TIMEOUT = 30
ADMIN_PASSWORD = "admin"

CONFIG = """[options]
addons_path = {addons_path}
data_dir = {data_dir}
db_name = {database}
dbfilter = ^{database}$
list_db = False
http_interface = 127.0.0.1
http_port = {port}
gevent_port = {gevent_port}
workers = {workers}
max_cron_threads = 0
server_wide_modules = {server_wide_modules}
limit_time_real = 60
limit_time_cpu = 30
logfile = {logfile}
log_level = info
legalsense_encryption_key = {key}

[queue_job]
channels = root:{root_capacity},{channel}:{capacity}
"""


class OdooServer:
    """``python3 -m odoo`` with workers and the job runner, in its own group."""

    def __init__(
        self,
        work_dir,
        database,
        port,
        gevent_port,
        workers,
        key,
        capacity=1,
        job_runner=True,
        name="odoo",
    ):
        """``capacity``: jobs of the LegalSense channel at once; without
        ``job_runner`` the server answers users only (another one runs the
        jobs); ``name`` names its configuration and log files."""
        self.work_dir = work_dir
        self.database = database
        self.port = port
        self.logfile = os.path.join(work_dir, f"{name}.log")
        self.conf = os.path.join(work_dir, f"{name}.conf")
        self.out = os.path.join(work_dir, f"{name}.out")
        modules = "base,web,queue_job" if job_runner else "base,web"
        self.values = {
            "database": database,
            "port": port,
            "gevent_port": gevent_port,
            "workers": workers,
            "key": key,
            "logfile": self.logfile,
            "channel": CHANNEL,
            "capacity": capacity,
            "root_capacity": max(2, capacity + 1),
            "server_wide_modules": modules,
        }
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def write_config(self, addons_path, data_dir):
        with open(self.conf, "w", encoding="utf-8") as conf:
            conf.write(
                CONFIG.format(addons_path=addons_path, data_dir=data_dir, **self.values)
            )
        os.chmod(self.conf, 0o600)

    def start(self):
        output = open(self.out, "w")  # noqa: SIM115
        self.process = subprocess.Popen(
            [*odoo_bin(), "-c", self.conf],
            stdout=output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        output.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"Odoo ended at start ({self.process.returncode})")
            try:
                Rpc(self.url, self.database)
                return
            except (OSError, xmlrpc.client.Error):
                time.sleep(0.5)
        raise RuntimeError(f"Odoo did not answer within {START_TIMEOUT} s")

    def stop(self):
        """SIGTERM to the server's process group, then SIGKILL if it lingers."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def is_worker(self, pid):
        """Whether ``pid`` is a process of this server (never kill another)."""
        if self.process is None or self.process.poll() is not None:
            return False
        master = psutil.Process(self.process.pid)
        return pid in {child.pid for child in master.children(recursive=True)}

    def log_text(self):
        text = ""
        for path in (self.logfile, self.out):
            if os.path.exists(path):
                with open(path, encoding="utf-8", errors="replace") as log:
                    text += log.read()
        return text


def odoo_bin():
    """The command that starts Odoo: its ``odoo-bin`` (or ``odoo``) script.

    Not ``python3 -m odoo``: in multi-worker mode Odoo starts its gevent
    worker with the script it was started with, which ``-m`` does not give
    (the worker would fail and be started again and again).
    """
    script = os.path.join(os.path.dirname(os.path.dirname(odoo.__file__)), "odoo-bin")
    if os.path.isfile(script):
        return [sys.executable, script]
    installed = shutil.which("odoo")
    if installed:
        return [sys.executable, installed]
    return [sys.executable, "-m", "odoo"]


class TimeoutTransport(xmlrpc.client.Transport):
    def make_connection(self, host):
        connection = super().make_connection(host)
        connection.timeout = RPC_TIMEOUT
        return connection


class Rpc:
    """One XML-RPC client, as admin."""

    def __init__(self, url, database, password=ADMIN_PASSWORD):
        self.database = database
        self.password = password
        common = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/common", transport=TimeoutTransport()
        )
        self.uid = common.authenticate(database, "admin", password, {})
        if not self.uid:
            raise RuntimeError("admin cannot log in")
        self.models = xmlrpc.client.ServerProxy(
            f"{url}/xmlrpc/2/object", transport=TimeoutTransport(), allow_none=True
        )

    def call(self, model, method, *args, **kwargs):
        return self.models.execute_kw(
            self.database, self.uid, self.password, model, method, list(args), kwargs
        )

    def create(self, model, values):
        return self.call(model, "create", values)

    def write(self, model, ids, values):
        return self.call(model, "write", ids, values)

    def read(self, model, ids, fields):
        return self.call(model, "read", ids, fields)

    def search(self, model, domain, **kwargs):
        return self.call(model, "search", domain, **kwargs)


class JobQueue:
    """Read-only SQL on ``queue_job`` for the LegalSense channel."""

    def __init__(self, database):
        self.connection = psycopg2.connect(dbname=database)
        self.connection.autocommit = True

    def close(self):
        self.connection.close()

    def query(self, sql, params=()):
        with self.connection.cursor() as cr:
            cr.execute(sql, params)
            return cr.fetchall()

    def running_count(self):
        return self.query(
            "SELECT count(*) FROM queue_job WHERE channel = %s AND state IN %s",
            (CHANNEL, RUNNING),
        )[0][0]

    def progress(self):
        """(jobs with work to do now, a marker that moves when the queue moves)."""
        row = self.query(
            """
            SELECT count(*) FILTER (WHERE state IN ('enqueued', 'started')
                                       OR (state = 'pending' AND (eta IS NULL
                                           OR eta <= now() AT TIME ZONE 'utc'))),
                   count(*) FILTER (WHERE state IN ('done', 'failed')),
                   coalesce(sum(retry), 0),
                   max(date_started)
              FROM queue_job WHERE channel = %s
            """,
            (CHANNEL,),
        )[0]
        return row[0], tuple(row[1:])

    def started_job(self):
        """(uuid, worker pid, description) of the LegalSense job running now."""
        rows = self.query(
            "SELECT uuid, worker_pid, name FROM queue_job "
            "WHERE channel = %s AND state = 'started' ORDER BY date_started DESC",
            (CHANNEL,),
        )
        return rows[0] if rows else None

    def last_job(self, identity_key):
        """(state, retry) of the last job with this identity key, or None."""
        rows = self.query(
            "SELECT state, retry FROM queue_job WHERE identity_key = %s "
            "ORDER BY date_created DESC, id DESC LIMIT 1",
            (identity_key,),
        )
        return rows[0] if rows else None

    def wait_drained(self, timeout):
        """Wait until no LegalSense job is left to run; the seconds it took."""
        started = time.monotonic()
        quiet = 0
        while time.monotonic() - started < timeout:
            quiet = quiet + 1 if not self.running_count() else 0
            if quiet >= 3:
                return time.monotonic() - started
            time.sleep(1)
        return None
