"""moto_server with what the Cygni tests need and moto lacks: ECS service deployments (see
ecs_extension.py) and the control endpoint that moves them (see control.py). Takes moto_server's
-H and -p; everything else is moto's own server, signature checking included.

    python3 scripts/moto/cygni_moto_server.py -H 127.0.0.1 -p PORT
"""
import argparse
import os
import signal
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from moto.moto_server.werkzeug_app import DomainDispatcherApplication, create_backend_app  # noqa: E402
from werkzeug.serving import run_simple  # noqa: E402

import control  # noqa: E402
import ecs_extension  # noqa: E402


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args()
    os.environ.setdefault("MOTO_PORT", str(args.port))
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, lambda *_: sys.exit(0))

    ecs_extension.install()
    moto = DomainDispatcherApplication(create_backend_app)
    moto.debug = True
    run_simple(args.host, args.port, control.ControlEndpoint(moto), threaded=True)


if __name__ == "__main__":
    main()
