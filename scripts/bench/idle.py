"""Holds N idle TCP connections to a server open (sending nothing) until
killed, opening a new one whenever the server closes one; prints
"idle: N open" once they are all up. Used by scripts/bench-server.sh."""
import selectors
import socket
import sys

host, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
sel = selectors.DefaultSelector()


def connect():
    s = socket.create_connection((host, port))
    s.setblocking(False)
    sel.register(s, selectors.EVENT_READ)


for _ in range(count):
    connect()
print(f"idle: {count} open", flush=True)
while True:
    for key, _ in sel.select():
        sock = key.fileobj
        try:
            data = sock.recv(4096)
        except OSError:
            data = b""
        if not data:
            sel.unregister(sock)
            sock.close()
            connect()
