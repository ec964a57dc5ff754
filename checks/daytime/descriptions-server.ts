/** Exercise sheets for the daytime servers (RFC 867), English and German. */

const FORMATS_EN = `| Python | gives |
| --- | --- |
| \`time.ctime()\` | \`Wed Jan  3 09:05:07 2024\` |
| \`str(datetime.datetime.now())\` | \`2024-01-03 09:05:07.123456\` |
| \`time.strftime("%d.%m.%Y %H:%M:%S")\` | \`03.01.2024 09:05:07\` |
| \`email.utils.formatdate()\` | \`Wed, 03 Jan 2024 09:05:07 -0000\` |
| the example in RFC 867 | \`Tuesday, February 22, 1982 17:37:43-PST\` |`;

const FORMATS_DE = FORMATS_EN.replace('| Python | gives |', '| Python | liefert |').replace('| the example in RFC 867 |', '| das Beispiel aus RFC 867 |');

function serverEn(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto} daytime server

Write a **daytime server** (RFC 867) for ${proto} in Python (\`server.py\`): ${tcp ? 'every client that connects gets the current date and time as a line of text, then the server closes the connection' : 'every datagram a client sends is answered with a datagram holding the current date and time as text'}.

## What your server has to do
1. Create a ${proto} socket (\`socket.AF_INET\`, ${tcp ? '`socket.SOCK_STREAM`' : '`socket.SOCK_DGRAM`'}) and bind it to \`(socket.gethostbyname(socket.gethostname()), 13)\`: 13 is the port of the daytime service, as in class. (Another port works too: we find your port automatically.)
${
  tcp
    ? `2. Call \`listen()\` and then, in an endless loop, \`accept()\` one client after the other.
3. **Without receiving anything**, send the current date and time as text: \`client_serving_socket.send(string2bytes(time.ctime()))\`. A daytime client only connects and reads.
4. Close the client's socket: that tells the client the answer is complete. Go back to \`accept()\`.`
    : `2. In an endless loop: \`daten, addr = server_socket.recvfrom(1024)\`, then \`server_socket.sendto(string2bytes(time.ctime()), addr)\`.
3. Whatever is in the datagram does not matter, and it may be **empty**: the daytime client from class sends \`string2bytes("")\`. Answer every datagram.`
}

## Which format?
RFC 867 prescribes none: one line of text that people can read, with the **date (day, month, year) and the time (hours, minutes, seconds)**. We read the usual formats, for example:

${FORMATS_EN}

German month and weekday names work too (\`Mittwoch, 3. Januar 2024, 09:05:07 Uhr\`). A Unix timestamp like \`1704272707.12\` does not count: people cannot read it.

## Which time?
The current time of the computer your server runs on, read **anew for every client** (inside the loop, not once at the start). Our test computer's clock runs on **UTC**, so \`time.ctime()\` gives UTC there. If you write a zone (\`UTC\`, \`+01:00\`, \`MEZ\`, \`GMT\`), we take it into account; a time without a zone counts as UTC. We allow **±5 seconds**.

## How we test it
| Test | Points |
| --- | --- |
${
  tcp
    ? `| We connect without sending anything: your server sends something at once | 20 |
| The answer contains a date and a time | 20 |
| The time is correct (±5 s) | 25 |
| Your server closes the connection after its answer | 15 |
| Three clients one after the other, a second apart: each gets the current time | 20 |`
    : `| We send an empty datagram: your server answers | 20 |
| The answer contains a date and a time | 20 |
| The time is correct (±5 s) | 25 |
| We send a datagram with text in it (\`Wie spät ist es?\`): your server answers with the time | 15 |
| Three clients one after the other, a second apart: each gets the current time | 20 |`
}

Each test waits at most 2 seconds for your answer. ${tcp ? 'A server that waits for the client to send something first still gets the points for the content of its answer, but not for the first test.' : 'A server that ignores empty datagrams still gets the points for the content of its answer to a datagram with text, but not for the first test.'}

## Tips
- \`import time\` and \`time.ctime()\` is all you need. \`datetime.datetime.now()\` works too.
- In \`strftime\`, \`%M\` is minutes and \`%m\` is the month; \`%H\` is the 24-hour clock, \`%I\` the 12-hour clock (then add \`%p\`).
- Do not add an hour for German time by hand. If you want German time, say so: \`datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin")).strftime("%d.%m.%Y %H:%M:%S %Z")\`.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;
}

function serverDe(transport: 'tcp' | 'udp'): string {
  const tcp = transport === 'tcp';
  const proto = tcp ? 'TCP' : 'UDP';
  return `# ${proto}-Daytime-Server

Schreiben Sie einen **Daytime-Server** (RFC 867) für ${proto} in Python (\`server.py\`): ${tcp ? 'Jeder Client, der sich verbindet, bekommt das aktuelle Datum und die Uhrzeit als Textzeile, dann schließt der Server die Verbindung' : 'Jedes Datagramm eines Clients wird mit einem Datagramm beantwortet, das das aktuelle Datum und die Uhrzeit als Text enthält'}.

## Was Ihr Server tun muss
1. Einen ${proto}-Socket erzeugen (\`socket.AF_INET\`, ${tcp ? '`socket.SOCK_STREAM`' : '`socket.SOCK_DGRAM`'}) und an \`(socket.gethostbyname(socket.gethostname()), 13)\` binden: 13 ist der Port des Daytime-Dienstes, wie im Unterricht. (Ein anderer Port geht auch: Wir finden Ihren Port automatisch.)
${
  tcp
    ? `2. \`listen()\` aufrufen und dann in einer Endlosschleife mit \`accept()\` einen Client nach dem anderen annehmen.
3. **Ohne etwas zu empfangen** das aktuelle Datum und die Uhrzeit als Text schicken: \`client_serving_socket.send(string2bytes(time.ctime()))\`. Ein Daytime-Client verbindet sich nur und liest.
4. Den Socket des Clients schließen: Daran erkennt der Client, dass die Antwort vollständig ist. Zurück zu \`accept()\`.`
    : `2. In einer Endlosschleife: \`daten, addr = server_socket.recvfrom(1024)\`, dann \`server_socket.sendto(string2bytes(time.ctime()), addr)\`.
3. Was im Datagramm steht, spielt keine Rolle, und es darf **leer** sein: Der Daytime-Client aus dem Unterricht schickt \`string2bytes("")\`. Beantworten Sie jedes Datagramm.`
}

## Welches Format?
RFC 867 schreibt keines vor: eine Zeile Text, die Menschen lesen können, mit **Datum (Tag, Monat, Jahr) und Uhrzeit (Stunden, Minuten, Sekunden)**. Wir lesen die üblichen Formate, zum Beispiel:

${FORMATS_DE}

Deutsche Monats- und Wochentagsnamen gehen auch (\`Mittwoch, 3. Januar 2024, 09:05:07 Uhr\`). Ein Unix-Zeitstempel wie \`1704272707.12\` zählt nicht: Den kann kein Mensch lesen.

## Welche Uhrzeit?
Die aktuelle Uhrzeit des Rechners, auf dem Ihr Server läuft, und zwar **für jeden Client neu** gelesen (in der Schleife, nicht einmal am Anfang). Die Uhr unseres Testrechners läuft auf **UTC**, \`time.ctime()\` liefert dort also UTC. Wenn Sie eine Zeitzone angeben (\`UTC\`, \`+01:00\`, \`MEZ\`, \`GMT\`), berücksichtigen wir sie; eine Uhrzeit ohne Zeitzone gilt als UTC. Wir erlauben **±5 Sekunden** Abweichung.

## So testen wir
| Test | Punkte |
| --- | --- |
${
  tcp
    ? `| Wir verbinden uns, ohne etwas zu schicken: Ihr Server schickt sofort etwas | 20 |
| Die Antwort enthält ein Datum und eine Uhrzeit | 20 |
| Die Uhrzeit stimmt (±5 s) | 25 |
| Ihr Server schließt die Verbindung nach seiner Antwort | 15 |
| Drei Clients nacheinander, je eine Sekunde Abstand: Jeder bekommt die aktuelle Uhrzeit | 20 |`
    : `| Wir schicken ein leeres Datagramm: Ihr Server antwortet | 20 |
| Die Antwort enthält ein Datum und eine Uhrzeit | 20 |
| Die Uhrzeit stimmt (±5 s) | 25 |
| Wir schicken ein Datagramm mit Text (\`Wie spät ist es?\`): Ihr Server antwortet mit der Uhrzeit | 15 |
| Drei Clients nacheinander, je eine Sekunde Abstand: Jeder bekommt die aktuelle Uhrzeit | 20 |`
}

Jeder Test wartet höchstens 2 Sekunden auf Ihre Antwort. ${tcp ? 'Ein Server, der erst darauf wartet, dass der Client etwas schickt, bekommt trotzdem die Punkte für den Inhalt seiner Antwort, aber nicht für den ersten Test.' : 'Ein Server, der leere Datagramme ignoriert, bekommt trotzdem die Punkte für den Inhalt seiner Antwort auf ein Datagramm mit Text, aber nicht für den ersten Test.'}

## Tipps
- \`import time\` und \`time.ctime()\` genügen. \`datetime.datetime.now()\` geht auch.
- In \`strftime\` steht \`%M\` für Minuten und \`%m\` für den Monat; \`%H\` ist die 24-Stunden-Uhr, \`%I\` die 12-Stunden-Uhr (dann mit \`%p\`).
- Rechnen Sie für die deutsche Zeit nicht von Hand eine Stunde dazu. Wenn Sie deutsche Zeit wollen, sagen Sie es: \`datetime.datetime.now(zoneinfo.ZoneInfo("Europe/Berlin")).strftime("%d.%m.%Y %H:%M:%S %Z")\`.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;
}

export const serverDescriptions = {
  tcp: { en: serverEn('tcp'), de: serverDe('tcp') },
  udp: { en: serverEn('udp'), de: serverDe('udp') },
};
