# Model solution of kv-client.yaml.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
conn = socket.create_connection((host, port))
reader = conn.makefile("r", encoding="utf8", newline="\n")
reader.readline()  # the greeting
for line in sys.stdin:
    conn.sendall((line.rstrip("\n") + "\n").encode("utf8"))
    print(reader.readline().rstrip("\n"))
conn.sendall(b"QUIT\n")
reader.readline()  # BYE
conn.close()
