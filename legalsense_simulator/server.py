"""The simulator served over real HTTP in a background thread."""

import threading

from werkzeug.serving import WSGIRequestHandler, make_server

from .simulator import Simulator


class QuietRequestHandler(WSGIRequestHandler):
    """No access log line per request."""

    def log_request(self, *args, **kwargs):
        pass


class SimulatorServer:
    """A threaded HTTP server for a simulator; port 0 picks a free port.

    Use as a context manager, or call ``start()`` and ``stop()``.
    """

    def __init__(self, host="127.0.0.1", port=0, simulator=None, quiet=True, **options):
        self.simulator = simulator or Simulator(**options)
        handler = QuietRequestHandler if quiet else WSGIRequestHandler
        self._server = make_server(
            host, port, self.simulator.wsgi_app, threaded=True, request_handler=handler
        )
        self._thread = None

    @property
    def host(self):
        return self._server.server_address[0]

    @property
    def port(self):
        return self._server.server_port

    @property
    def url(self):
        """The LegalSense base Url, without ``/api/v3/``."""
        return f"http://{self.host}:{self.port}/"

    @property
    def api_url(self):
        return f"{self.url}api/v3/"

    def start(self):
        self._thread = threading.Thread(
            target=self._server.serve_forever,
            kwargs={"poll_interval": 0.1},
            name="legalsense-simulator",
            daemon=True,
        )
        self._thread.start()
        return self

    def stop(self):
        if self._thread is not None:
            self._server.shutdown()
            self._thread.join(timeout=5)
            self._thread = None
        self._server.server_close()

    def serve_forever(self):
        self._server.serve_forever()

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()
