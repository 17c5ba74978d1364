#!/usr/bin/env python3
"""A busy or misbehaving S3 server for tests, standard library only.

Serves TLS 1.3 on 127.0.0.1 (an ephemeral port, written to --port-file) with the given
server certificate, and answers the first --busy requests with HTTP 503 and an S3
<Error> document whose Code is SlowDown, then every request as S3 would when all is well
for what the tests ask: an empty ListObjectsV2 page for a listing, the 10 bytes
"0123456789" for an object GET (honouring a Range), an upload id for a POST, an empty 200
for anything else. --mode makes it misbehave instead:

  long-object    an object GET gets 20 bytes, more than the object's 10
  wrong-total    a ranged GET gets 206 with a Content-Range whose total is 11
  ignore-range   a ranged GET gets the whole object with 200
  error-in-200   a POST gets 200 with an <Error> document (InternalError) as its body

Connections are kept alive. One line per request goes to stdout, "STATUS REQUEST-LINE",
so a client's retries can be counted.
"""
import argparse
import ssl
import sys
import threading

from listening import listen_on_loopback, serve_tls_forever, tls13_server_context

LOCK = threading.Lock()
SEEN = [0]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("--cert", "--key", "--port-file"):
        parser.add_argument(name, required=True)
    parser.add_argument("--busy", type=int, default=0)
    parser.add_argument("--mode", default="well")
    return parser.parse_args()


def read_request(stream):
    head = b""
    while b"\r\n\r\n" not in head:
        piece = stream.recv(4096)
        if not piece:
            return None, {}
        head += piece
    head, _, rest = head.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    length = 0
    for line in lines[1:]:
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    while len(rest) < length:
        piece = stream.recv(65536)
        if not piece:
            return None, {}
        rest += piece
    headers = {line.partition(":")[0].strip().lower(): line.partition(":")[2].strip() for line in lines[1:]}
    return lines[0], headers


OBJECT = b"0123456789"


def object_answer(headers, mode):
    """An object GET: (status, extra header lines, body)."""
    ranged = headers.get("range", "")
    if mode == "long-object":
        return "200 OK", "", OBJECT * 2
    if not ranged or mode == "ignore-range":
        return "200 OK", "", OBJECT
    start = int(ranged[len("bytes="):].rstrip("-"))
    total = len(OBJECT) + (1 if mode == "wrong-total" else 0)
    return "206 Partial Content", f"Content-Range: bytes {start}-{len(OBJECT) - 1}/{total}\r\n", OBJECT[start:]


def answer(request_line, headers, arguments):
    with LOCK:
        SEEN[0] += 1
        number = SEEN[0]
    method, target = request_line.split(" ")[0:2]
    extra = ""
    if number <= arguments.busy:
        status, body = "503 Slow Down", b"<Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>"
    elif method == "GET" and "list-type=" in target:
        status, body = "200 OK", b"<ListBucketResult><IsTruncated>false</IsTruncated></ListBucketResult>"
    elif method == "GET":
        status, extra, body = object_answer(headers, arguments.mode)
    elif method == "POST" and arguments.mode == "error-in-200":
        status, body = "200 OK", b"<Error><Code>InternalError</Code><Message>We encountered an internal error.</Message></Error>"
    elif method == "POST":
        status, body = "200 OK", b"<InitiateMultipartUploadResult><UploadId>u1</UploadId></InitiateMultipartUploadResult>"
    else:
        status, body = "200 OK", b""
    print(f"{status.split(' ')[0]} {request_line}", flush=True)
    head = f"HTTP/1.1 {status}\r\nContent-Type: application/xml\r\n{extra}Content-Length: {len(body)}\r\n\r\n"
    return head.encode() + (b"" if method == "HEAD" else body)


def serve(connection, arguments):
    try:
        while True:
            request_line, headers = read_request(connection)
            if request_line is None:
                return
            connection.sendall(answer(request_line, headers, arguments))
    except (OSError, ssl.SSLError):
        pass
    finally:
        connection.close()


def main():
    arguments = parse_arguments()
    context = tls13_server_context(arguments.cert, arguments.key)
    listener = listen_on_loopback(arguments.port_file)
    serve_tls_forever(listener, context, lambda connection: serve(connection, arguments))


if __name__ == "__main__":
    sys.exit(main())
