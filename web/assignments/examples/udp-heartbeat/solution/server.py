# Model solution of udp-heartbeat.yaml.
import json
import socket

beats = {}

server = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
server.bind(("0.0.0.0", 0))
print("port", server.getsockname()[1], flush=True)
while True:
    data, addr = server.recvfrom(4096)
    try:
        text = data.decode("utf8").strip()
    except UnicodeDecodeError:
        continue
    verb, _, arg = text.partition(" ")
    if verb == "PING" and arg:
        server.sendto(("PONG " + arg).encode("utf8"), addr)
    elif verb == "BEAT" and arg:
        beats[arg] = beats.get(arg, 0) + 1
        server.sendto(("ACK %d" % beats[arg]).encode("utf8"), addr)
    elif verb == "STATUS" and arg:
        server.sendto(json.dumps({"name": arg, "beats": beats.get(arg, 0)}).encode("utf8"), addr)
