# The TCP echo server from the slides ("TCP-Beispiel 2"), with the kodierung helpers inline.
import socket


def string2bytes(text):
    return bytes(text, "utf8")


def bytes2string(bytes):
    return str(bytes, "utf8")


server_socket = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server_socket.bind((socket.gethostbyname(socket.gethostname()), 0))
eigene_portnummer = server_socket.getsockname()[1]
print("\nWarte auf Anfragen an Port %5i.\n" % (eigene_portnummer))
while True:
    server_socket.listen(5)
    client_serving_socket, addr = server_socket.accept()
    daten = client_serving_socket.recv(1024)
    datenstring = bytes2string(daten)
    client_serving_socket.send(string2bytes(datenstring))
    client_serving_socket.close()
    del client_serving_socket
server_socket.close()
del server_socket
