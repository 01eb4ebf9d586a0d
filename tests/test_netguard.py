import socket
import subprocess
import sys

import pytest

from conftest import subprocess_env


def test_connections_off_this_machine_are_refused():
    with pytest.raises(OSError, match="only loopback"):
        socket.create_connection(("192.0.2.1", 80), timeout=0.5)


def test_loopback_is_allowed():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    with socket.create_connection(server.getsockname(), timeout=1):
        pass
    server.close()


def test_subprocesses_are_guarded_too():
    code = "import socket; socket.create_connection(('192.0.2.1', 80), timeout=0.5)"
    proc = subprocess.run([sys.executable, "-c", code], env=subprocess_env(), capture_output=True, text=True)
    assert proc.returncode != 0
    assert "only loopback" in proc.stderr
