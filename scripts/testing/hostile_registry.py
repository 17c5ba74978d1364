#!/usr/bin/env python3
"""A hostile HTTPS "registry" for tests, standard library only.

Serves TLS 1.3 on 127.0.0.1 (an ephemeral port, written to --port-file) with the given
server certificate, requiring a client certificate from --client-ca, and answers every
request with one misbehaviour (--mode), so that a client's limits and deadlines can be
tested:

  trickle-head      a status line, then header bytes one every --interval seconds
  trickle-body      a 200 with Content-Length 4096, then body bytes one every --interval s
  endless-headers   header lines, as fast as the client reads
  endless-body      a chunked 200 whose chunks never end
  endless-trailers  a chunked 200 with an empty body whose trailer lines never end
  huge-chunk-line   a chunked 200 whose chunk-size line never ends
  huge-length       a 200 with a Content-Length of 2^64, then endless bytes
  long-length       a 200 with a Content-Length of 2^59, then endless bytes
  bad-token         a Bearer challenge whose token service (this server, /token) answers
                    with a token holding CR LF and a header of its own
  one-per-connection  a kept-alive answer (200 with an empty body for /v2/, else 404), and
                    then the connection closed without notice, as a registry's idle
                    timeout closes a kept-alive connection

One line per request goes to stdout: "REQUEST-LINE".
"""
import argparse
import json
import ssl
import time

from listening import listen_on_loopback, serve_tls_forever, tls13_server_context


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("--cert", "--key", "--client-ca", "--port-file", "--mode"):
        parser.add_argument(name, required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    return parser.parse_args()


def read_request(connection):
    data = b""
    while b"\r\n\r\n" not in data:
        piece = connection.recv(4096)
        if not piece:
            return None
        data += piece
        if len(data) > 65536:
            return None
    return data.split(b"\r\n", 1)[0].decode("latin-1")


def misbehave(connection, mode, interval, request, port):
    ok = b"HTTP/1.1 200 OK\r\nDocker-Distribution-API-Version: registry/2.0\r\n"
    if mode == "bad-token":
        if request.startswith("GET /token"):
            body = json.dumps({"token": "abc\r\nX-Injected: yes"}).encode()
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n\r\n" % len(body) + body)
        else:
            challenge = f'Bearer realm="https://127.0.0.1:{port}/token",service="hostile"'.encode()
            connection.sendall(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: " + challenge + b"\r\nContent-Length: 0\r\n\r\n")
        return
    if mode == "one-per-connection":
        status = b"200 OK" if request.startswith("GET /v2/ ") else b"404 Not Found"
        connection.sendall(b"HTTP/1.1 " + status + b"\r\nDocker-Distribution-API-Version: registry/2.0\r\nContent-Length: 0\r\n\r\n")
        return
    if mode == "trickle-head":
        connection.sendall(ok + b"X-Slow: ")
        while True:
            time.sleep(interval)
            connection.sendall(b"a")
    elif mode == "trickle-body":
        connection.sendall(ok + b"Content-Length: 4096\r\n\r\n")
        while True:
            time.sleep(interval)
            connection.sendall(b"{")
    elif mode == "endless-headers":
        connection.sendall(ok)
        while True:
            connection.sendall(b"X-More: " + b"m" * 1000 + b"\r\n")
    elif mode == "endless-body":
        connection.sendall(ok + b"Transfer-Encoding: chunked\r\n\r\n")
        chunk = b"1000\r\n" + b"z" * 4096 + b"\r\n"
        while True:
            connection.sendall(chunk)
    elif mode == "endless-trailers":
        connection.sendall(ok + b"Transfer-Encoding: chunked\r\n\r\n0\r\n")
        while True:
            connection.sendall(b"X-Trailer: " + b"t" * 1000 + b"\r\n")
    elif mode == "huge-chunk-line":
        connection.sendall(ok + b"Transfer-Encoding: chunked\r\n\r\n1;")
        while True:
            connection.sendall(b"e" * 4096)
    elif mode in ("huge-length", "long-length"):
        length = 2 ** 64 if mode == "huge-length" else 2 ** 59
        connection.sendall(ok + b"Content-Length: %d\r\n\r\n" % length)
        while True:
            connection.sendall(b"z" * 4096)
    else:
        raise SystemExit(f"unknown mode {mode}")


def serve(connection, arguments):
    try:
        request = read_request(connection)
        if request is None:
            return
        print(request, flush=True)
        misbehave(connection, arguments.mode, arguments.interval, request, arguments.port)
    except (OSError, ssl.SSLError):
        pass
    finally:
        try:
            connection.close()
        except OSError:
            pass


def main():
    arguments = parse_arguments()
    context = tls13_server_context(arguments.cert, arguments.key, client_ca=arguments.client_ca)
    listener = listen_on_loopback(arguments.port_file)
    arguments.port = listener.getsockname()[1]
    serve_tls_forever(listener, context, lambda connection: serve(connection, arguments))


if __name__ == "__main__":
    main()
