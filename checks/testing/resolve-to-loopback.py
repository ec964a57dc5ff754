"""Runs a student's program with every host name resolving to 127.0.0.1.

For the host-side fixture tests only: in the pod, an assignment with
`answerAllDnsNames` gets this from the peer's DNS responder; on a developer's
machine, `mail.hsg-kl.de` would go to the real internet (or nowhere). Usage:
`python3 resolve-to-loopback.py client.py ARGS...`.
"""
import ipaddress
import os
import runpy
import socket
import sys

_getaddrinfo = socket.getaddrinfo


def _is_address(host):
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return False


def _name(host):
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    return host if host is None or host == "" or _is_address(host) else "127.0.0.1"


def getaddrinfo(host, *args, **kwargs):
    return _getaddrinfo(_name(host), *args, **kwargs)


def gethostbyname(host):
    return _name(host)


def gethostbyname_ex(host):
    return (host, [], [_name(host)])


socket.getaddrinfo = getaddrinfo
socket.gethostbyname = gethostbyname
socket.gethostbyname_ex = gethostbyname_ex

sys.argv = sys.argv[1:]
# The program's own folder first on the path, as when it is started directly.
sys.path[0] = os.path.dirname(os.path.abspath(sys.argv[0]))
runpy.run_path(sys.argv[0], run_name="__main__")
