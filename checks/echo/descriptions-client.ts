/** Exercise sheets for the echo clients, English and German. */

function clientEn(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto} echo client

Write a **${proto} echo client** in Python (\`client.py\`) for an echo server: it sends one line of text and prints what the server sends back.

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\`, so use \`sys.argv[1]\` and \`int(sys.argv[2])\`. (They are also in the environment variables \`SERVER_HOST\` and \`SERVER_PORT\`.)
2. Read **one line** of text with \`input()\`.
3. ${tcp ? 'Connect to the server (`socket.SOCK_STREAM`, `connect()`) and send the text as UTF-8 bytes (`string2bytes()`).' : 'Send the text as one datagram (`socket.SOCK_DGRAM`, `sendto()`), encoded as UTF-8 bytes (`string2bytes()`).'}
4. Receive the echo (${tcp ? '`recv()`' : '`recvfrom()`'}), turn it back into text (\`bytes2string()\`) and **print** it.
5. Close the socket and end the program.

## How we test it
Our echo server sends back everything it receives. We run your client twice: once with \`Hallo Echo-Server!\`, once with \`Grüße aus Köln – 5 € für Äpfel\`.

| Test | Points |
| --- | --- |
| Our server receives exactly the line you read (with or without the line break) | 25 |
| Your client prints the echo | 25 |
| Your client ${tcp ? 'closes the connection and ' : ''}ends with exit code 0 within 10 seconds | 20 |
| Sending and printing again, with umlauts and € | 30 |

Each test is scored on its own: a client that prints the echo and then does not end loses only the test for ending (we stop it after 10 seconds).

## Tips
- Print the text, not the bytes object: \`print(daten)\` shows \`b'...'\`.
- ${tcp ? 'Our server keeps the connection open until you close it. Do not wait for it to close first.' : 'Do not wait for a second datagram: exactly one comes back.'}
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;
}

function clientDe(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto}-Echo-Client

Schreiben Sie einen **${proto}-Echo-Client** in Python (\`client.py\`) für einen Echo-Server: Er schickt eine Zeile Text und gibt aus, was der Server zurückschickt.

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\`, verwenden Sie also \`sys.argv[1]\` und \`int(sys.argv[2])\`. (Sie stehen auch in den Umgebungsvariablen \`SERVER_HOST\` und \`SERVER_PORT\`.)
2. **Eine Zeile** Text mit \`input()\` einlesen.
3. ${tcp ? 'Sich mit dem Server verbinden (`socket.SOCK_STREAM`, `connect()`) und den Text als UTF-8-Bytes schicken (`string2bytes()`).' : 'Den Text als ein Datagramm schicken (`socket.SOCK_DGRAM`, `sendto()`), als UTF-8-Bytes kodiert (`string2bytes()`).'}
4. Das Echo empfangen (${tcp ? '`recv()`' : '`recvfrom()`'}), wieder in Text umwandeln (\`bytes2string()\`) und **ausgeben**.
5. Den Socket schließen und das Programm beenden.

## So testen wir
Unser Echo-Server schickt alles zurück, was er empfängt. Wir starten Ihren Client zweimal: einmal mit \`Hallo Echo-Server!\`, einmal mit \`Grüße aus Köln – 5 € für Äpfel\`.

| Test | Punkte |
| --- | --- |
| Unser Server empfängt genau die eingelesene Zeile (mit oder ohne Zeilenumbruch) | 25 |
| Ihr Client gibt das Echo aus | 25 |
| Ihr Client ${tcp ? 'schließt die Verbindung und ' : ''}endet innerhalb von 10 Sekunden mit Exit-Code 0 | 20 |
| Senden und Ausgeben noch einmal, mit Umlauten und € | 30 |

Jeder Test zählt für sich: Ein Client, der das Echo ausgibt und dann nicht endet, verliert nur den Test fürs Beenden (wir stoppen ihn nach 10 Sekunden).

## Tipps
- Geben Sie den Text aus, nicht das Bytes-Objekt: \`print(daten)\` zeigt \`b'...'\`.
- ${tcp ? 'Unser Server hält die Verbindung offen, bis Sie sie schließen. Warten Sie nicht darauf, dass er sie zuerst schließt.' : 'Warten Sie nicht auf ein zweites Datagramm: Es kommt genau eines zurück.'}
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;
}

export const clientDescriptions = {
  tcp: { en: clientEn('tcp'), de: clientDe('tcp') },
  udp: { en: clientEn('udp'), de: clientDe('udp') },
};
