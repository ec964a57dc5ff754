/** Exercise sheets for the file server, English and German, for either framing. */
import type { Framing } from './params.js';

export interface FileSheetOptions {
  framing: Framing;
  /** Size of the large file in MiB, as the tests use it. */
  largeMiB: number;
}

function en({ framing, largeMiB }: FileSheetOptions): string {
  const prefix = framing === 'length-prefix';
  return `# File server (TCP)

Write a **file server** in Python (\`server.py\`): clients upload files to it and download them again. A file is just bytes — text, a picture, anything — and your server must hand back exactly the bytes it got.

## The protocol
Each request uses its own connection. The client starts with **one line** of UTF-8 text, ended by \`\\n\`:

| The client sends | Meaning | Your server answers |
| --- | --- | --- |
| \`PUT name\\n\`, then ${prefix ? 'the file\'s length as **8 bytes, big-endian**, then the file\'s bytes' : 'the file\'s bytes, then it **ends its sending side**'} | store this file as \`name\` | once the whole file is there: save it under \`name\` in your working directory and answer the line \`OK\\n\` |
| \`GET name\\n\` | send me the file \`name\` | the line \`OK\\n\`, ${prefix ? 'then the length as 8 bytes (big-endian), then the file\'s bytes' : 'then the file\'s bytes, then **close the connection**'} — or, if there is no such file, the line \`ERROR reason\\n\` |

${
  prefix
    ? 'The length in front tells the receiver how many bytes belong to the file: `len(daten).to_bytes(8, "big")` makes the 8 bytes, `int.from_bytes(acht_bytes, "big")` reads them.'
    : "Closing marks the end of the file: the receiver's `recv()` returns `b''`. A client that uploads ends only its **sending** side with `socket.shutdown(socket.SHUT_WR)`: your `recv()` returns `b''`, and the connection stays open for your `OK`."
}

Your server only hands out files from its own folder: a name containing \`/\`, \`\\\` or \`..\` is answered with \`ERROR …\`. Right from the start it can serve its own \`server.py\` — handy for trying it out.

Example (the file \`hallo.txt\` holds the 12 bytes \`Hallo Welt!\\n\`):
\`\`\`
client → server   PUT hallo.txt\\n${prefix ? '\nclient → server   00 00 00 00 00 00 00 0c   (12 as 8 bytes)' : ''}
client → server   Hallo Welt!\\n${prefix ? '' : '\n(the client ends its sending side)'}
server → client   OK\\n

client → server   GET hallo.txt\\n
server → client   OK\\n${prefix ? '\nserver → client   00 00 00 00 00 00 00 0c' : ''}
server → client   Hallo Welt!\\n${prefix ? '' : '\n(the server closes the connection)'}
\`\`\`

## How we test it
| Test | Points |
| --- | --- |
| \`GET server.py\`: a file your server has from the start | 10 |
| Upload and download a text file with umlauts and € (3000 bytes) | 15 |
| Upload and download a binary file (64 KiB, every byte value) | 20 |
| Upload and download an empty file | 10 |
| Upload and download a large file (${largeMiB} MiB) | 20 |
| \`GET\` of a file that does not exist: \`ERROR …\` | 15 |
| \`GET ../../…/etc/passwd\`, a file outside your folder: \`ERROR …\` | 10 |

We compare the downloaded file with the uploaded one byte for byte (and show you both SHA-256 checksums). We wait up to 3 seconds for each answer (a little longer after a large upload). Your server must keep running and serve one client after the other.

## Tips
- TCP has no message boundaries: the first \`recv()\` may return the request line **and** the first bytes of the file together. Split at the first \`\\n\` (\`kopf, _, rest = daten.partition(b"\\n")\`) and keep \`rest\` as the start of the file.
- Decode only the request line. Never the file: \`bytes2string()\` crashes on binary files, and \`errors="replace"\` quietly changes them.
- Repeat \`recv()\` until ${prefix ? 'you have as many bytes as the length said' : "it returns `b''`"}: a large file arrives in hundreds of pieces. Write each piece straight into the file (\`open(name, "wb")\`), or collect the pieces in a list and join them with \`b"".join(teile)\` — \`daten = daten + stueck\` becomes very slow for megabytes.
- Answer with \`sendall()\`: \`send()\` may send only part of a large file.
- Opening a file that does not exist raises \`FileNotFoundError\`. Check with \`os.path.isfile(name)\` first, or catch the error — a crash ends your server for all later tests.
- Only the Python standard library is available.
`;
}

function de({ framing, largeMiB }: FileSheetOptions): string {
  const prefix = framing === 'length-prefix';
  return `# Dateiserver (TCP)

Schreiben Sie einen **Dateiserver** in Python (\`server.py\`): Clients laden Dateien zu ihm hoch und wieder herunter. Eine Datei ist einfach eine Folge von Bytes – Text, ein Bild, irgendetwas –, und Ihr Server muss genau die Bytes zurückgeben, die er bekommen hat.

## Das Protokoll
Jede Anfrage nutzt eine eigene Verbindung. Der Client beginnt mit **einer Zeile** UTF-8-Text, die mit \`\\n\` endet:

| Der Client sendet | Bedeutung | Ihr Server antwortet |
| --- | --- | --- |
| \`PUT name\\n\`, dann ${prefix ? 'die Länge der Datei als **8 Bytes, Big-Endian**, dann die Bytes der Datei' : 'die Bytes der Datei, dann **beendet er seine Senderichtung**'} | speichere diese Datei als \`name\` | sobald die ganze Datei da ist: unter \`name\` in seinem Arbeitsverzeichnis speichern und die Zeile \`OK\\n\` schicken |
| \`GET name\\n\` | schick mir die Datei \`name\` | die Zeile \`OK\\n\`, ${prefix ? 'dann die Länge als 8 Bytes (Big-Endian), dann die Bytes der Datei' : 'dann die Bytes der Datei, dann **die Verbindung schließen**'} – oder, wenn es die Datei nicht gibt, die Zeile \`ERROR Grund\\n\` |

${
  prefix
    ? 'Die Länge vorneweg sagt dem Empfänger, wie viele Bytes zur Datei gehören (Netzdarstellung, wie bei `htonl`): `len(daten).to_bytes(8, "big")` erzeugt die 8 Bytes, `int.from_bytes(acht_bytes, "big")` liest sie.'
    : "Das Schließen markiert das Ende der Datei: `recv()` liefert beim Empfänger `b''`. Ein Client, der hochlädt, beendet nur seine **Senderichtung** mit `socket.shutdown(socket.SHUT_WR)`: Ihr `recv()` liefert `b''`, und die Verbindung bleibt für Ihr `OK` offen."
}

Ihr Server gibt nur Dateien aus seinem eigenen Ordner heraus: Einen Namen mit \`/\`, \`\\\` oder \`..\` beantwortet er mit \`ERROR …\`. Von Anfang an kann er seine eigene \`server.py\` ausliefern – praktisch zum Ausprobieren.

Beispiel (die Datei \`hallo.txt\` enthält die 12 Bytes \`Hallo Welt!\\n\`):
\`\`\`
Client → Server   PUT hallo.txt\\n${prefix ? '\nClient → Server   00 00 00 00 00 00 00 0c   (12 als 8 Bytes)' : ''}
Client → Server   Hallo Welt!\\n${prefix ? '' : '\n(der Client beendet seine Senderichtung)'}
Server → Client   OK\\n

Client → Server   GET hallo.txt\\n
Server → Client   OK\\n${prefix ? '\nServer → Client   00 00 00 00 00 00 00 0c' : ''}
Server → Client   Hallo Welt!\\n${prefix ? '' : '\n(der Server schließt die Verbindung)'}
\`\`\`

## So testen wir
| Test | Punkte |
| --- | --- |
| \`GET server.py\`: eine Datei, die Ihr Server von Anfang an hat | 10 |
| Eine Textdatei mit Umlauten und € hoch- und wieder herunterladen (3000 Bytes) | 15 |
| Eine Binärdatei hoch- und herunterladen (64 KiB, jeder Bytewert kommt vor) | 20 |
| Eine leere Datei hoch- und herunterladen | 10 |
| Eine große Datei hoch- und herunterladen (${largeMiB} MiB) | 20 |
| \`GET\` einer Datei, die es nicht gibt: \`ERROR …\` | 15 |
| \`GET ../../…/etc/passwd\`, eine Datei außerhalb Ihres Ordners: \`ERROR …\` | 10 |

Wir vergleichen die heruntergeladene Datei Byte für Byte mit der hochgeladenen (und zeigen Ihnen beide SHA-256-Prüfsummen). Auf jede Antwort warten wir bis zu 3 Sekunden (nach einem großen Upload etwas länger). Ihr Server muss weiterlaufen und einen Client nach dem anderen bedienen.

## Tipps
- TCP kennt keine Nachrichtengrenzen: Das erste \`recv()\` kann die Anfragezeile **und** die ersten Bytes der Datei zusammen liefern. Trennen Sie beim ersten \`\\n\` (\`kopf, _, rest = daten.partition(b"\\n")\`) und behalten Sie \`rest\` als Anfang der Datei.
- Dekodieren Sie nur die Anfragezeile, niemals die Datei: \`bytes2string()\` stürzt bei Binärdateien ab, und \`errors="replace"\` verändert sie unbemerkt.
- Rufen Sie \`recv()\` so lange auf, bis ${prefix ? 'Sie so viele Bytes haben, wie die Länge angibt' : "es `b''` liefert"}: Eine große Datei kommt in Hunderten von Stücken an. Schreiben Sie jedes Stück direkt in die Datei (\`open(name, "wb")\`) oder sammeln Sie die Stücke in einer Liste und fügen Sie sie mit \`b"".join(teile)\` zusammen – \`daten = daten + stueck\` wird bei Megabytes sehr langsam.
- Antworten Sie mit \`sendall()\`: \`send()\` schickt von einer großen Datei eventuell nur einen Teil.
- Eine Datei zu öffnen, die es nicht gibt, löst \`FileNotFoundError\` aus. Prüfen Sie vorher mit \`os.path.isfile(name)\` oder fangen Sie den Fehler ab – ein Absturz beendet Ihren Server für alle weiteren Tests.
- Es steht nur die Python-Standardbibliothek zur Verfügung.
`;
}

/** The sheet for a framing; the assignment uses the default (`close`, 3 MiB). */
export function fileServerSheet(options: FileSheetOptions): { en: string; de: string } {
  return { en: en(options), de: de(options) };
}
