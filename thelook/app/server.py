"""How the dashboard is served: the one Streamlit command line, private by default.

It binds to loopback unless told otherwise, keeps error details in the server's log, offers
viewers no developer toolbar (Deploy, Rerun, Clear cache), and sends no usage statistics.
"""

import ipaddress
import socket
import sys
from pathlib import Path

APP = Path(__file__).with_name("Overview.py")
LOOPBACK = "127.0.0.1"


def streamlit_command(host: str = LOOPBACK, port: int = 8501) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.address", host,
        "--server.port", str(port),
        "--server.headless", "true",
        "--client.showErrorDetails", "none",
        "--client.toolbarMode", "viewer",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def is_loopback(host: str) -> bool:
    """Whether `host` (an address or a name) only reaches this machine."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        addresses = {info[4][0] for info in socket.getaddrinfo(host, None)}
    except OSError:
        return False
    return bool(addresses) and all(ipaddress.ip_address(a).is_loopback for a in addresses)
