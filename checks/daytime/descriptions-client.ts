/** Exercise sheets for the daytime clients (RFC 867), English and German. */

function clientEn(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto} daytime client

Write a **daytime client** (RFC 867) for ${proto} in Python (\`client.py\`): it asks a daytime server for the date and time and prints the answer.

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\`, so use \`sys.argv[1]\` and \`int(sys.argv[2])\`. (They are also in the environment variables \`SERVER_HOST\` and \`SERVER_PORT\`.) In class the server was \`("time.fu-berlin.de", 13)\`; here it is ours.
${
  tcp
    ? `2. Connect to the server (\`socket.SOCK_STREAM\`, \`connect()\`). **Send nothing**: a daytime server starts talking as soon as you are connected.
3. Receive the answer with \`recv(1024)\`; the server closes the connection after it.`
    : `2. Send a datagram to the server (\`socket.SOCK_DGRAM\`, \`sendto()\`). What is in it does not matter; the client from class sends an empty one: \`string2bytes("")\`.
3. Receive the answer with \`recvfrom(1024)\`: one datagram.`
}
4. Turn the bytes into text (\`bytes2string()\`) and **print** it.
5. Close the socket and end the program.

## How we test it
Our daytime server does **not** send the current time but a fixed one from the past, so print exactly what you received, not your own computer's clock. We run your client twice: once the server sends \`Tuesday, February 22, 1982 17:37:43-PST\` (the example from RFC 867), once \`Donnerstag, 15. März 2001, 14:29:17 MEZ\`.

| Test | Points |
| --- | --- |
| Your client ${tcp ? 'connects to our server' : 'sends a datagram to our server'} | 20 |
| It prints the time it received | 30 |
| It ends by itself with exit code 0 within 10 seconds | 20 |
| Everything again with the German answer (with \`ä\`) | 30 |

## Tips
- Print the text, not the bytes object: \`print(daten)\` shows \`b'...'\`.
- The answer ends with a line break (\`\\r\\n\`); printing it as it is, is fine.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;
}

function clientDe(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto}-Daytime-Client

Schreiben Sie einen **Daytime-Client** (RFC 867) für ${proto} in Python (\`client.py\`): Er fragt einen Daytime-Server nach Datum und Uhrzeit und gibt die Antwort aus.

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\`, verwenden Sie also \`sys.argv[1]\` und \`int(sys.argv[2])\`. (Sie stehen auch in den Umgebungsvariablen \`SERVER_HOST\` und \`SERVER_PORT\`.) Im Unterricht war der Server \`("time.fu-berlin.de", 13)\`; hier ist es unserer.
${
  tcp
    ? `2. Sich mit dem Server verbinden (\`socket.SOCK_STREAM\`, \`connect()\`). **Nichts schicken**: Ein Daytime-Server legt los, sobald die Verbindung steht.
3. Die Antwort mit \`recv(1024)\` empfangen; danach schließt der Server die Verbindung.`
    : `2. Ein Datagramm an den Server schicken (\`socket.SOCK_DGRAM\`, \`sendto()\`). Was darin steht, spielt keine Rolle; der Client aus dem Unterricht schickt ein leeres: \`string2bytes("")\`.
3. Die Antwort mit \`recvfrom(1024)\` empfangen: ein Datagramm.`
}
4. Die Bytes in Text umwandeln (\`bytes2string()\`) und **ausgeben**.
5. Den Socket schließen und das Programm beenden.

## So testen wir
Unser Daytime-Server schickt **nicht** die aktuelle Uhrzeit, sondern eine feste aus der Vergangenheit. Geben Sie also genau das aus, was Sie empfangen haben, nicht die Uhr Ihres eigenen Rechners. Wir starten Ihren Client zweimal: einmal schickt der Server \`Tuesday, February 22, 1982 17:37:43-PST\` (das Beispiel aus RFC 867), einmal \`Donnerstag, 15. März 2001, 14:29:17 MEZ\`.

| Test | Punkte |
| --- | --- |
| Ihr Client ${tcp ? 'verbindet sich mit unserem Server' : 'schickt ein Datagramm an unseren Server'} | 20 |
| Er gibt die empfangene Uhrzeit aus | 30 |
| Er endet von selbst innerhalb von 10 Sekunden mit Exit-Code 0 | 20 |
| Alles noch einmal mit der deutschen Antwort (mit \`ä\`) | 30 |

## Tipps
- Geben Sie den Text aus, nicht das Bytes-Objekt: \`print(daten)\` zeigt \`b'...'\`.
- Die Antwort endet mit einem Zeilenumbruch (\`\\r\\n\`); sie so auszugeben, ist in Ordnung.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;
}

export const clientDescriptions = {
  tcp: { en: clientEn('tcp'), de: clientDe('tcp') },
  udp: { en: clientEn('udp'), de: clientDe('udp') },
};
