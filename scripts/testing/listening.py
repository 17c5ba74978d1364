"""The test servers' common ground: a loopback listener whose port is published atomically
to a file, and the TLS 1.3 accept loop that hands each connection to a thread."""
import os
import socket
import ssl
import threading


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


def tls13_server_context(cert, key, client_ca=None):
    """A TLS 1.3 server context for cert and key; with client_ca, a client certificate
    signed by it is required."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.load_cert_chain(cert, key)
    if client_ca is not None:
        context.verify_mode = ssl.CERT_REQUIRED
        context.load_verify_locations(client_ca)
    return context


def serve_tls_forever(listener, context, serve):
    """Accepts on listener forever: each connection's TLS handshake, then serve(connection)
    on a daemon thread. A failed handshake closes that connection and nothing else."""
    while True:
        raw, _ = listener.accept()
        try:
            connection = context.wrap_socket(raw, server_side=True)
        except (OSError, ssl.SSLError):
            raw.close()
            continue
        threading.Thread(target=serve, args=(connection,), daemon=True).start()
