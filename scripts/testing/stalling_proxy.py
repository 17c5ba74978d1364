#!/usr/bin/env python3
"""A TCP relay that stalls downloads, for the network deadline tests.

Listens on 127.0.0.1 (an ephemeral port, written to --port-file) and relays raw bytes to
127.0.0.1:TARGET in both directions. Once --stall-after bytes have gone from the server to
the client on a connection, the rest of that direction trickles: one byte every
--interval seconds, so that no single read ever waits long enough to time out. It never
looks inside the (TLS) stream. One line per stall goes to stdout ("stalled after N bytes").
"""
import argparse
import os
import socket
import threading
import time

from listening import listen_on_loopback


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--target-port", type=int, required=True)
    parser.add_argument("--stall-after", type=int, required=True)
    parser.add_argument("--interval", type=float, default=1.0)
    parser.add_argument("--port-file", required=True)
    return parser.parse_args()


def pump(source, sink, stall_after, interval):
    forwarded = 0
    try:
        while True:
            data = source.recv(1 << 16)
            if not data:
                break
            if stall_after is None:
                sink.sendall(data)
                continue
            room = max(stall_after - forwarded, 0)
            sink.sendall(data[:room])
            forwarded += min(room, len(data))
            if forwarded >= stall_after and len(data) > room:
                print(f"stalled after {forwarded} bytes", flush=True)
                for index in range(room, len(data)):
                    time.sleep(interval)
                    sink.sendall(data[index:index + 1])
    except OSError:
        pass
    for sock in (source, sink):
        try:
            sock.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass


def main():
    arguments = parse_arguments()
    listener = listen_on_loopback(arguments.port_file)
    while True:
        client, _ = listener.accept()
        try:
            server = socket.create_connection(("127.0.0.1", arguments.target_port))
        except OSError:
            client.close()
            continue
        threading.Thread(target=pump, args=(client, server, None, 0), daemon=True).start()
        threading.Thread(target=pump, args=(server, client, arguments.stall_after, arguments.interval), daemon=True).start()


if __name__ == "__main__":
    main()
