# Model solution of kv-store.yaml: one thread per client, one table for all, behind a lock.
import socket
import threading

table = {}
lock = threading.Lock()


def answer(line):
    verb, _, rest = line.partition(" ")
    if verb == "SET" and " " in rest:
        key, value = rest.split(" ", 1)
        with lock:
            table[key] = value
        return "OK"
    if verb == "GET" and rest:
        with lock:
            value = table.get(rest)
        return "NOT FOUND" if value is None else "VALUE " + value
    if verb == "DEL" and rest:
        with lock:
            found = table.pop(rest, None) is not None
        return "DELETED" if found else "NOT FOUND"
    return "ERROR unknown command " + verb


def serve(conn):
    with conn:
        buffer = b""
        while True:
            data = conn.recv(4096)
            if not data:
                return
            buffer += data
            while b"\n" in buffer:
                raw, buffer = buffer.split(b"\n", 1)
                line = raw.decode("utf8", errors="replace").rstrip("\r")
                if line == "QUIT":
                    conn.sendall(b"BYE\n")
                    return
                conn.sendall((answer(line) + "\n").encode("utf8"))


server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("0.0.0.0", 0))
server.listen(16)
print("port", server.getsockname()[1], flush=True)
while True:
    conn, _ = server.accept()
    threading.Thread(target=serve, args=(conn,), daemon=True).start()
