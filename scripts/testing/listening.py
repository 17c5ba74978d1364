"""A loopback listener whose port is published atomically to a file, for the test servers."""
import os
import socket


def listen_on_loopback(port_file):
    """Binds 127.0.0.1 on a free port, listens, and writes the port to port_file by rename."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)
    temporary = port_file + ".tmp"
    with open(temporary, "w") as published:
        published.write(f"{listener.getsockname()[1]}\n")
    os.rename(temporary, port_file)
    return listener
