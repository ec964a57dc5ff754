# Model solution of udp-lookup-client.yaml.
import socket
import sys

host, port = sys.argv[1], int(sys.argv[2])
sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
sock.settimeout(2)
for line in sys.stdin:
    word = line.strip()
    sock.sendto(f"LOOKUP {word}".encode("utf8"), (host, port))
    try:
        answer, _ = sock.recvfrom(1024)
        print(answer.decode("utf8"))
    except socket.timeout:
        print(f"TIMEOUT {word}")
sock.sendto(b"BYE", (host, port))
sock.close()
