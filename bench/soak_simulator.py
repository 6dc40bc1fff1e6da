"""The LegalSense simulator of the soak, in a process of its own.

Run as a script it serves a simulator on 127.0.0.1 (``--port``) and keeps
what the soak needs in ``--work-dir``:

* ``tokens.txt``: every bearer token it issues (to look for them in logs);
* on SIGTERM it stops accepting requests, lets the requests in flight end,
  then writes ``state.json`` (``dump_state()``), ``refusals.json`` (the close
  refusals, which the dump does not hold) and ``requests-<n>.json`` (its
  request log). Started again with the same work dir it loads them first:
  a restart with the state kept.

``SimulatorProcess`` starts, restarts and stops that process and calls its
``/_simulator/`` hooks.
"""

import argparse
import glob
import json
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STOP_TIMEOUT = 30  # seconds for the requests in flight and the dump
START_TIMEOUT = 20


class InFlight:
    """A WSGI wrapper counting the requests being answered."""

    def __init__(self, app):
        self.app = app
        self.count = 0
        self.lock = threading.Lock()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        try:
            return self.app(environ, start_response)
        finally:
            with self.lock:
                self.count -= 1

    def wait_idle(self, timeout):
        deadline = time.monotonic() + timeout
        while self.count and time.monotonic() < deadline:
            time.sleep(0.05)


def write_json(path, data):
    with open(path + ".tmp", "w", encoding="utf-8") as target:
        json.dump(data, target)
    os.replace(path + ".tmp", path)


def record_tokens(simulator, path):
    """Append every token the simulator issues to ``path``."""
    issue = simulator.tokens.issue

    def issue_and_record():
        answer = issue()
        with open(path, "a", encoding="utf-8") as tokens:
            tokens.write(answer["access_token"] + "\n")
        return answer

    simulator.tokens.issue = issue_and_record


def load_saved(simulator, work_dir):
    state = os.path.join(work_dir, "state.json")
    if os.path.exists(state):
        simulator.load_fixture(state)
    refusals = os.path.join(work_dir, "refusals.json")
    if os.path.exists(refusals):
        with open(refusals, encoding="utf-8") as source:
            for matter, detail in json.load(source).items():
                simulator.refuse_close(int(matter), detail)


def save(simulator, work_dir, generation):
    write_json(os.path.join(work_dir, "state.json"), simulator.dump_state())
    with simulator.store.lock:
        refusals = dict(simulator.store.close_refusals)
    write_json(os.path.join(work_dir, "refusals.json"), refusals)
    write_json(
        os.path.join(work_dir, f"requests-{generation}.json"), simulator.requests
    )


def serve(args):
    from legalsense_simulator import Simulator, SimulatorServer

    simulator = Simulator(username=args.username, password=args.password)
    record_tokens(simulator, os.path.join(args.work_dir, "tokens.txt"))
    load_saved(simulator, args.work_dir)
    in_flight = simulator.wsgi_app = InFlight(simulator.wsgi_app)
    server = SimulatorServer(port=args.port, simulator=simulator).start()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_args: stop.set())
    print(f"ready on {server.url}", flush=True)
    while not stop.wait(0.2):
        pass
    server.stop()
    in_flight.wait_idle(STOP_TIMEOUT - 5)
    save(simulator, args.work_dir, args.generation)


class SimulatorProcess:
    """The simulator process: start, restart with its state, stop, hooks."""

    def __init__(self, work_dir, port, username, password, source=REPO):
        self.work_dir = work_dir
        self.source = source  # the addon folder holding legalsense_simulator
        self.port = port
        self.username = username
        self.password = password
        self.generation = 0
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/"

    def start(self):
        self.generation += 1
        log = open(  # noqa: SIM115 - the child writes to it until it ends
            os.path.join(self.work_dir, f"simulator-{self.generation}.log"), "w"
        )
        command = [sys.executable, os.path.abspath(__file__), "--port"]
        command += [str(self.port), "--work-dir", self.work_dir]
        command += ["--username", self.username, "--password", self.password]
        command += ["--generation", str(self.generation), "--source", self.source]
        self.process = subprocess.Popen(
            command, cwd=self.source, stdout=log, stderr=subprocess.STDOUT
        )
        log.close()
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the simulator ended ({self.process.returncode})")
            try:
                self.hook("GET", "version")
                return
            except OSError:
                time.sleep(0.2)
        raise RuntimeError("the simulator did not start")

    def stop(self):
        """Stop it; its state, refusals and request log are written."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(5)

    def restart(self):
        """Stop and start again, with the state kept; returns the seconds down."""
        started = time.monotonic()
        self.stop()
        self.start()
        return time.monotonic() - started

    # ------------------------------------------------------------ hooks

    def hook(self, method, name, body=None, timeout=10):
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            f"{self.url}_simulator/{name}",
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read()
        return json.loads(text) if text else None

    def add_fault(self, **fault):
        return self.hook("POST", "faults", fault)

    def pending_faults(self):
        return self.hook("GET", "faults")

    def clear_faults(self):
        self.hook("DELETE", "faults")

    def expire_tokens(self):
        self.hook("POST", "expire_tokens", {})

    def refuse_close(self, matter_id, detail):
        self.hook("POST", "refuse_close", {"matter": matter_id, "detail": detail})

    def state(self):
        return self.hook("GET", "state", timeout=60)

    def requests(self):
        """The request log of every run of the simulator, oldest first."""
        calls = []
        for generation in range(1, self.generation):
            path = os.path.join(self.work_dir, f"requests-{generation}.json")
            if os.path.exists(path):
                with open(path, encoding="utf-8") as source:
                    calls += json.load(source)
        return calls + self.hook("GET", "requests", timeout=60)

    def tokens(self):
        path = os.path.join(self.work_dir, "tokens.txt")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as source:
            return [line.strip() for line in source if line.strip()]

    def log_files(self):
        return sorted(glob.glob(os.path.join(self.work_dir, "simulator-*.log")))


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--work-dir", required=True)
    parser.add_argument("--username", default="api")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--generation", type=int, default=1)
    parser.add_argument("--source", default=REPO, help="the addon's folder")
    args = parser.parse_args(argv)
    sys.path.insert(0, args.source)
    serve(args)


if __name__ == "__main__":
    main()
