#!/usr/bin/env python3
"""A registry token service for tests (the distribution token flow), standard library only.

Serves GET /token over HTTPS on 127.0.0.1 (an ephemeral port, written to --port-file).
A request with the right HTTP Basic user and password gets an ES256 JWT granting the
requested scopes; anything else gets 401. Tokens carry the signing certificate in their
x5c header, so a registry whose rootcertbundle holds its CA accepts them. Signing goes
through the openssl command, which gives a DER signature; JWS wants r || s.

One line per request goes to stdout: "issued USER SCOPE..." or "refused".
"""
import argparse
import base64
import json
import os
import ssl
import subprocess
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlparse


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    for name in ("--cert", "--key", "--signing-cert", "--signing-key", "--issuer", "--service", "--user", "--password",
                 "--port-file"):
        parser.add_argument(name, required=True)
    return parser.parse_args()


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def der_signature_to_raw(der):
    """ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } -> r || s, 32 bytes each."""
    def read_length(data, offset):
        length = data[offset]
        offset += 1
        if length & 0x80:
            count = length & 0x7F
            length = int.from_bytes(data[offset:offset + count], "big")
            offset += count
        return length, offset

    assert der[0] == 0x30
    _, offset = read_length(der, 1)
    numbers = []
    for _ in range(2):
        assert der[offset] == 0x02
        length, offset = read_length(der, offset + 1)
        numbers.append(int.from_bytes(der[offset:offset + length], "big"))
        offset += length
    return b"".join(number.to_bytes(32, "big") for number in numbers)


class TokenIssuer:
    def __init__(self, arguments):
        self.arguments = arguments
        with open(arguments.signing_cert) as pem:
            body = "".join(line.strip() for line in pem if not line.startswith("-----"))
        self.chain = [body]
        self.lock = threading.Lock()

    def token(self, scopes):
        now = int(time.time())
        access = []
        for scope in scopes:
            kind, _, rest = scope.partition(":")
            name, _, actions = rest.rpartition(":")
            access.append({"type": kind, "name": name, "actions": [a for a in actions.split(",") if a]})
        header = {"typ": "JWT", "alg": "ES256", "x5c": self.chain}
        claims = {"iss": self.arguments.issuer, "sub": self.arguments.user, "aud": self.arguments.service,
                  "exp": now + 300, "nbf": now - 10, "iat": now, "jti": uuid.uuid4().hex, "access": access}
        signing_input = f"{b64url(json.dumps(header).encode())}.{b64url(json.dumps(claims).encode())}"
        der = subprocess.run(["openssl", "dgst", "-sha256", "-sign", self.arguments.signing_key],
                             input=signing_input.encode(), capture_output=True, check=True).stdout
        return f"{signing_input}.{b64url(der_signature_to_raw(der))}"


def make_handler(issuer, arguments):
    expected = "Basic " + base64.b64encode(f"{arguments.user}:{arguments.password}".encode()).decode()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *_):
            pass

        def reply(self, status, document):
            body = json.dumps(document).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self):
            url = urlparse(self.path)
            query = parse_qs(url.query)
            if url.path != "/token" or query.get("service") != [arguments.service]:
                print("refused: bad request", self.path, flush=True)
                self.reply(400, {"errors": [{"code": "BAD_REQUEST"}]})
                return
            if self.headers.get("Authorization") != expected:
                print("refused", flush=True)
                self.reply(401, {"errors": [{"code": "UNAUTHORIZED", "message": "wrong credentials"}]})
                return
            scopes = query.get("scope", [])
            print("issued", arguments.user, *scopes, flush=True)
            token = issuer.token(scopes)
            self.reply(200, {"token": token, "access_token": token, "expires_in": 300})

    return Handler


def main():
    arguments = parse_arguments()
    server = ThreadingHTTPServer(("127.0.0.1", 0), make_handler(TokenIssuer(arguments), arguments))
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(arguments.cert, arguments.key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    temporary = arguments.port_file + ".tmp"
    with open(temporary, "w") as port_file:
        port_file.write(f"{server.server_address[1]}\n")
    os.rename(temporary, arguments.port_file)
    server.serve_forever()


if __name__ == "__main__":
    main()
