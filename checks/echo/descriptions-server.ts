/** Exercise sheets for the echo servers, English and German. */

const tcpServerEn = `# TCP echo server

Write a **TCP echo server** in Python (\`server.py\`): whatever a client sends, your server sends back **unchanged**, byte for byte.

## What your server has to do
1. Create a TCP socket (\`socket.AF_INET\`, \`socket.SOCK_STREAM\`) and bind it, e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`. Port 0 lets the system pick a free port; print it if you like. We find your port automatically.
2. Call \`listen()\` and then, in an endless loop, \`accept()\` one client after the other.
3. Receive the client's message with \`recv()\` and send exactly these bytes back (\`sendall()\` is safer than \`send()\`).
4. Close the client's socket when you are done with it (or when \`recv()\` returns \`b''\`) and go back to \`accept()\`.

It is fine to answer one message per connection and then close it, like the example from class. Your server must keep running until we stop it.

## How we test it
| Test | Points |
| --- | --- |
| A short message: \`Hallo\` | 15 |
| Text with umlauts and €: \`Grüße aus Köln: 5 € für Äpfel & Öl\` | 15 |
| A message of exactly 1024 bytes | 15 |
| A message that ends with a line break (\`Ping!\\n\`) | 15 |
| Three connections one after the other | 15 |
| Two clients connected at the same time | 15 |
| Bytes that are not valid UTF-8 | 10 |

We compare the reply **exactly**: no extra line break, no missing one, no changed letters. Each test waits at most 2 seconds for your reply.

## Tips
- TCP does not keep message boundaries: a message may arrive in several pieces. The safest echo server calls \`recv()\` in a loop and echoes every piece until \`recv()\` returns \`b''\`.
- The last test sends bytes that are not UTF-8 text. \`bytes2string()\` crashes on them with a \`UnicodeDecodeError\`. An echo server does not need to understand the text: send the received bytes back without decoding them.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const tcpServerDe = `# TCP-Echo-Server

Schreiben Sie einen **TCP-Echo-Server** in Python (\`server.py\`): Was ein Client schickt, sendet Ihr Server **unverändert** zurück, Byte für Byte.

## Was Ihr Server tun muss
1. Einen TCP-Socket erzeugen (\`socket.AF_INET\`, \`socket.SOCK_STREAM\`) und binden, z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`. Mit Port 0 wählt das System einen freien Port; Sie dürfen ihn ausgeben. Wir finden Ihren Port automatisch.
2. \`listen()\` aufrufen und dann in einer Endlosschleife mit \`accept()\` einen Client nach dem anderen annehmen.
3. Die Nachricht des Clients mit \`recv()\` empfangen und genau diese Bytes zurückschicken (\`sendall()\` ist sicherer als \`send()\`).
4. Den Socket des Clients schließen, wenn Sie fertig sind (oder wenn \`recv()\` \`b''\` liefert), und zurück zu \`accept()\`.

Es ist in Ordnung, pro Verbindung eine Nachricht zu beantworten und die Verbindung dann zu schließen, wie im Beispiel aus dem Unterricht. Ihr Server muss laufen, bis wir ihn beenden.

## So testen wir
| Test | Punkte |
| --- | --- |
| Eine kurze Nachricht: \`Hallo\` | 15 |
| Text mit Umlauten und €: \`Grüße aus Köln: 5 € für Äpfel & Öl\` | 15 |
| Eine Nachricht von genau 1024 Bytes | 15 |
| Eine Nachricht mit Zeilenumbruch am Ende (\`Ping!\\n\`) | 15 |
| Drei Verbindungen nacheinander | 15 |
| Zwei Clients gleichzeitig verbunden | 15 |
| Bytes, die kein gültiges UTF-8 sind | 10 |

Wir vergleichen die Antwort **exakt**: kein zusätzlicher Zeilenumbruch, kein fehlender, keine veränderten Buchstaben. Jeder Test wartet höchstens 2 Sekunden auf Ihre Antwort.

## Tipps
- TCP kennt keine Nachrichtengrenzen: Eine Nachricht kann in mehreren Teilen ankommen. Am sichersten ruft ein Echo-Server \`recv()\` in einer Schleife auf und schickt jedes Stück zurück, bis \`recv()\` \`b''\` liefert.
- Der letzte Test schickt Bytes, die kein UTF-8-Text sind. \`bytes2string()\` stürzt dabei mit einem \`UnicodeDecodeError\` ab. Ein Echo-Server muss den Text nicht verstehen: Schicken Sie die empfangenen Bytes zurück, ohne sie zu dekodieren.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

const udpServerEn = `# UDP echo server

Write a **UDP echo server** in Python (\`server.py\`): every datagram a client sends comes back **unchanged** to that client.

## What your server has to do
1. Create a UDP socket (\`socket.AF_INET\`, \`socket.SOCK_DGRAM\`) and bind it, e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`. Port 0 lets the system pick a free port; print it if you like. We find your port automatically.
2. In an endless loop: \`daten, addr = server_socket.recvfrom(...)\`, then \`server_socket.sendto(daten, addr)\`.

## How we test it
| Test | Points |
| --- | --- |
| A short message: \`Hallo\` | 15 |
| Text with umlauts and €: \`Grüße aus Köln: 5 € für Äpfel & Öl\` | 15 |
| A datagram of exactly 1024 bytes | 15 |
| A message that ends with a line break (\`Ping!\\n\`) | 15 |
| Three datagrams one after the other | 15 |
| Two clients at the same time | 15 |
| Bytes that are not valid UTF-8 | 10 |

We compare the reply **exactly** and wait at most 2 seconds for it.

## Tips
- \`recvfrom(n)\` cuts off a datagram longer than \`n\` bytes: the rest is lost. 1024 is just enough here; 4096 is safer.
- Reply to the address \`recvfrom()\` gave you together with the data: that is how two clients each get their own answer.
- The last test sends bytes that are not UTF-8 text. \`bytes2string()\` crashes on them with a \`UnicodeDecodeError\`. An echo server does not need to understand the text: send the received bytes back without decoding them.
`;

const udpServerDe = `# UDP-Echo-Server

Schreiben Sie einen **UDP-Echo-Server** in Python (\`server.py\`): Jedes Datagramm, das ein Client schickt, geht **unverändert** an diesen Client zurück.

## Was Ihr Server tun muss
1. Einen UDP-Socket erzeugen (\`socket.AF_INET\`, \`socket.SOCK_DGRAM\`) und binden, z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`. Mit Port 0 wählt das System einen freien Port; Sie dürfen ihn ausgeben. Wir finden Ihren Port automatisch.
2. In einer Endlosschleife: \`daten, addr = server_socket.recvfrom(...)\`, dann \`server_socket.sendto(daten, addr)\`.

## So testen wir
| Test | Punkte |
| --- | --- |
| Eine kurze Nachricht: \`Hallo\` | 15 |
| Text mit Umlauten und €: \`Grüße aus Köln: 5 € für Äpfel & Öl\` | 15 |
| Ein Datagramm von genau 1024 Bytes | 15 |
| Eine Nachricht mit Zeilenumbruch am Ende (\`Ping!\\n\`) | 15 |
| Drei Datagramme nacheinander | 15 |
| Zwei Clients gleichzeitig | 15 |
| Bytes, die kein gültiges UTF-8 sind | 10 |

Wir vergleichen die Antwort **exakt** und warten höchstens 2 Sekunden darauf.

## Tipps
- \`recvfrom(n)\` schneidet ein Datagramm ab, das länger als \`n\` Bytes ist: Der Rest geht verloren. 1024 reicht hier gerade; 4096 ist sicherer.
- Antworten Sie an die Adresse, die \`recvfrom()\` zusammen mit den Daten geliefert hat: So bekommt jeder von zwei Clients seine eigene Antwort.
- Der letzte Test schickt Bytes, die kein UTF-8-Text sind. \`bytes2string()\` stürzt dabei mit einem \`UnicodeDecodeError\` ab. Ein Echo-Server muss den Text nicht verstehen: Schicken Sie die empfangenen Bytes zurück, ohne sie zu dekodieren.
`;

export const serverDescriptions = {
  tcp: { en: tcpServerEn, de: tcpServerDe },
  udp: { en: udpServerEn, de: udpServerDe },
};
