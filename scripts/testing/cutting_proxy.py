#!/usr/bin/env python3
"""A TCP relay that cuts its first connection, for the registry resume tests.

Listens on 127.0.0.1 (an ephemeral port unless --port is given) and relays raw bytes to
127.0.0.1:TARGET. On the first connection only it closes both sides once CUT bytes have
gone from the client to the server (from the server to the client with --downstream);
every later connection is relayed untouched, so a rerun through the same proxy gets
through. It never looks inside the (TLS) stream.

--at-next-request delays the cut: after CUT bytes, it waits for the server to answer and
closes both sides when the client starts to send again, without relaying those bytes. A
client sending one request at a time is then cut between two requests (such as two
chunks of an upload), with the server holding everything up to the first.

--drop N also closes the N connections after the cut as soon as they are accepted, so a
client that reconnects at once fails too and the run ends with the upload unfinished.

The port is written to --port-file once the socket listens; one line per event goes to
stdout ("cut after N bytes", "dropped connection K").
"""
import argparse
import os
import socket
import sys
import threading


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--cut-after", type=int, required=True, help="client-to-server bytes before the cut")
    parser.add_argument("--downstream", action="store_true", help="count server-to-client bytes instead")
    parser.add_argument("--at-next-request", action="store_true", help="cut between requests, not mid-stream")
    parser.add_argument("--drop", type=int, default=0, help="connections to close on accept after the cut")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    arguments = parser.parse_args()
    if arguments.downstream and arguments.at_next_request:
        parser.error("--at-next-request counts client-to-server bytes; it does not go with --downstream")
    return arguments


def say(message):
    print(message, flush=True)


def close_quietly(sock):
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass
    sock.close()


class Relay:
    """One accepted connection and its upstream, relayed in both directions."""

    def __init__(self, client, server, cut_after, downstream, at_next_request):
        self.client = client
        self.server = server
        self.cut_after = cut_after
        self.downstream = downstream
        self.at_next_request = at_next_request
        # Bytes relayed in the direction that counts towards the cut.
        self.forwarded = 0
        # With at_next_request: CUT bytes went up and the server has answered since.
        self.answered = False
        self.lock = threading.Lock()
        self.closed = False

    def start(self):
        threading.Thread(target=self.pump, args=(self.client, self.server, True), daemon=True).start()
        threading.Thread(target=self.pump, args=(self.server, self.client, False), daemon=True).start()

    def close(self):
        with self.lock:
            if self.closed:
                return
            self.closed = True
        close_quietly(self.client)
        close_quietly(self.server)

    def pump(self, source, sink, upstream):
        counted = upstream != self.downstream
        try:
            while True:
                data = source.recv(1 << 16)
                if not data:
                    break
                if self.cut_after is not None and counted:
                    if self.answered:
                        say(f"cut after {self.forwarded} bytes, before the next request")
                        break
                    room = self.cut_after - self.forwarded
                    if len(data) >= room and not self.at_next_request:
                        sink.sendall(data[:room])
                        self.forwarded += room
                        say(f"cut after {self.forwarded} bytes")
                        break
                    self.forwarded += len(data)
                elif self.cut_after is not None and self.at_next_request and self.forwarded >= self.cut_after:
                    self.answered = True
                sink.sendall(data)
        except OSError:
            pass
        self.close()


def main():
    arguments = parse_arguments()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", arguments.port))
    listener.listen(16)
    temporary = arguments.port_file + ".tmp"
    with open(temporary, "w") as port_file:
        port_file.write(f"{listener.getsockname()[1]}\n")
    os.rename(temporary, arguments.port_file)

    accepted = 0
    while True:
        client, _ = listener.accept()
        accepted += 1
        if 1 < accepted <= 1 + arguments.drop:
            say(f"dropped connection {accepted}")
            close_quietly(client)
            continue
        try:
            server = socket.create_connection(("127.0.0.1", arguments.target_port))
        except OSError as error:
            say(f"cannot reach the target: {error}")
            close_quietly(client)
            continue
        for sock in (client, server):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        Relay(client, server, arguments.cut_after if accepted == 1 else None, arguments.downstream,
              arguments.at_next_request).start()


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit(0)
