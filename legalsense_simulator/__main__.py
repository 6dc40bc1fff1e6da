"""Run the simulator as an HTTP server: ``python -m legalsense_simulator --help``."""

import argparse
import ipaddress
import sys

from .server import SimulatorServer
from .store import DEFAULT_VERSION


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m legalsense_simulator",
        description="A LegalSense REST API v3 server held in memory.",
    )
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8899)
    parser.add_argument(
        "--version", default=DEFAULT_VERSION, help="reported LS version"
    )
    parser.add_argument("--username", default="api")
    parser.add_argument("--password", default="secret")
    parser.add_argument("--client-identifier", default="integration")
    parser.add_argument("--client-token", default="token")
    parser.add_argument("--bearer-token", help="a pre-issued token that never expires")
    parser.add_argument("--token-lifetime", type=int, default=3600, help="seconds")
    parser.add_argument("--fixture", help="JSON file with records to load")
    parser.add_argument("--generate-contacts", type=int, default=0)
    parser.add_argument("--generate-matters", type=int, default=0)
    parser.add_argument("--seed", type=int, default=1, help="seed of generated data")
    parser.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow binding an address other than loopback",
    )
    return parser.parse_args(argv)


def is_loopback(host):
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def build_server(args):
    server = SimulatorServer(
        host=args.host,
        port=args.port,
        quiet=False,
        version=args.version,
        username=args.username,
        password=args.password,
        client_identifier=args.client_identifier,
        client_token=args.client_token,
        bearer_token=args.bearer_token,
        token_lifetime=args.token_lifetime,
    )
    simulator = server.simulator
    if args.fixture:
        simulator.load_fixture(args.fixture)
    if args.generate_contacts or args.generate_matters:
        simulator.generate(
            contacts=args.generate_contacts,
            matters=args.generate_matters,
            seed=args.seed,
        )
    return server


def describe(server, args):
    lines = [
        f"LegalSense simulator {args.version} on {server.url}",
        f"  API:            {server.api_url}",
        f"  username/pass:  {args.username} / {args.password}",
        f"  client id/tok:  {args.client_identifier} / {args.client_token}",
        f"  test hooks:     {server.url}_simulator/",
    ]
    if args.bearer_token:
        lines.append(f"  bearer token:   {args.bearer_token}")
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    if not is_loopback(args.host) and not args.allow_remote:
        print(
            f"Refusing to bind {args.host}: use a loopback address or --allow-remote.",
            file=sys.stderr,
        )
        return 2
    server = build_server(args)
    print(describe(server, args), flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
