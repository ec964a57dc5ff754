/** Exercise sheets for the download client, English and German, for either framing. */
import type { FileSheetOptions } from './descriptions-file-server.js';

function en({ framing, largeMiB }: FileSheetOptions): string {
  const prefix = framing === 'length-prefix';
  return `# File client (TCP)

Write a **client** in Python (\`client.py\`) that downloads one file from a file server and saves it.

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\`, so use \`sys.argv[1]\` and \`int(sys.argv[2])\`. Then read the **file name** with \`input()\`.
2. Connect to the server and send the request line \`GET name\\n\` (UTF-8).
3. The answer starts with one line:
   - \`OK\\n\`: ${prefix ? 'then come 8 bytes with the file\'s length (big-endian: `int.from_bytes(acht_bytes, "big")`), then exactly that many bytes of the file' : "then come the file's bytes, until the server closes the connection (`recv()` returns `b''`)"}.
   - \`ERROR reason\\n\`: the server does not have the file. Print this line and end (exit code 0 or 1, but no traceback). Do not create a file.
4. Save the file's bytes under the same name in the current folder (\`open(name, "wb")\`).
5. Print one line with the name, the size in bytes and the **SHA-256** checksum of the saved file, e.g.
   \`\`\`
   gruesse.txt: 3000 Bytes, SHA-256 664b60be58dd4104…(64 hex digits)
   \`\`\`
   \`hashlib.sha256(daten).hexdigest()\` computes it (\`import hashlib\`).

Why the checksum? We cannot look into your folder. The SHA-256 proves that your file is the server's file byte for byte — download pages publish checksums for the same reason.

## How we test it
We run your client five times against our file server, which ${prefix ? 'sends the length in front of the file' : 'closes the connection after the file'} (the first run counts for two tests):

| Test | Points |
| --- | --- |
| Our server receives exactly \`GET gruesse.txt\\n\` | 10 |
| A text file with umlauts and € (3000 bytes): right size and SHA-256 | 15 |
| A binary file (64 KiB, every byte value) | 20 |
| An empty file (0 bytes) | 15 |
| A large file (${largeMiB} MiB) | 20 |
| A file that does not exist: your client prints our \`ERROR\` line and ends | 20 |

Each run may take at most 10 seconds.

## Tips
- The first \`recv()\` usually returns the \`OK\` line **and** the start of the file in one piece. Split at the first \`\\n\` (\`kopf, _, rest = daten.partition(b"\\n")\`) and keep \`rest\`: it belongs to the file.
- Decode only the first line. The file is bytes: \`bytes2string()\` crashes on a binary file, and \`errors="replace"\` quietly changes it.
- A large file arrives in hundreds of pieces: call \`recv()\` in a loop${prefix ? ' until you have as many bytes as the length said' : " until it returns `b''`"}. Collect the pieces in a list and join them with \`b"".join(teile)\`, or write each piece straight into the file — \`daten = daten + stueck\` becomes very slow for megabytes.
- Try it against your own file server: \`GET server.py\` works there from the start.
- Only the Python standard library is available.
`;
}

function de({ framing, largeMiB }: FileSheetOptions): string {
  const prefix = framing === 'length-prefix';
  return `# Datei-Client (TCP)

Schreiben Sie einen **Client** in Python (\`client.py\`), der eine Datei von einem Dateiserver herunterlädt und speichert.

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\`, verwenden Sie also \`sys.argv[1]\` und \`int(sys.argv[2])\`. Danach den **Dateinamen** mit \`input()\` einlesen.
2. Sich mit dem Server verbinden und die Anfragezeile \`GET name\\n\` schicken (UTF-8).
3. Die Antwort beginnt mit einer Zeile:
   - \`OK\\n\`: ${prefix ? 'danach kommen 8 Bytes mit der Länge der Datei (Big-Endian: `int.from_bytes(acht_bytes, "big")`), dann genau so viele Bytes der Datei' : "danach kommen die Bytes der Datei, bis der Server die Verbindung schließt (`recv()` liefert `b''`)"}.
   - \`ERROR Grund\\n\`: Der Server hat die Datei nicht. Geben Sie diese Zeile aus und beenden Sie das Programm (Exit-Code 0 oder 1, aber ohne Traceback). Legen Sie keine Datei an.
4. Die Bytes der Datei unter demselben Namen im aktuellen Ordner speichern (\`open(name, "wb")\`).
5. Eine Zeile mit Name, Größe in Bytes und der **SHA-256**-Prüfsumme der gespeicherten Datei ausgeben, z. B.
   \`\`\`
   gruesse.txt: 3000 Bytes, SHA-256 664b60be58dd4104…(64 Hex-Ziffern)
   \`\`\`
   \`hashlib.sha256(daten).hexdigest()\` berechnet sie (\`import hashlib\`).

Warum die Prüfsumme? Wir können nicht in Ihren Ordner schauen. Die SHA-256-Summe beweist, dass Ihre Datei Byte für Byte die Datei des Servers ist – aus demselben Grund veröffentlichen Download-Seiten Prüfsummen.

## So testen wir
Wir starten Ihren Client fünfmal gegen unseren Dateiserver, der ${prefix ? 'die Länge vor die Datei schickt' : 'die Verbindung nach der Datei schließt'} (der erste Lauf zählt für zwei Tests):

| Test | Punkte |
| --- | --- |
| Unser Server empfängt genau \`GET gruesse.txt\\n\` | 10 |
| Eine Textdatei mit Umlauten und € (3000 Bytes): richtige Größe und SHA-256 | 15 |
| Eine Binärdatei (64 KiB, jeder Bytewert kommt vor) | 20 |
| Eine leere Datei (0 Bytes) | 15 |
| Eine große Datei (${largeMiB} MiB) | 20 |
| Eine Datei, die es nicht gibt: Ihr Client gibt unsere \`ERROR\`-Zeile aus und endet | 20 |

Jeder Lauf darf höchstens 10 Sekunden dauern.

## Tipps
- Das erste \`recv()\` liefert meist die \`OK\`-Zeile **und** den Anfang der Datei in einem Stück. Trennen Sie beim ersten \`\\n\` (\`kopf, _, rest = daten.partition(b"\\n")\`) und behalten Sie \`rest\`: Es gehört zur Datei.
- Dekodieren Sie nur die erste Zeile. Die Datei besteht aus Bytes: \`bytes2string()\` stürzt bei einer Binärdatei ab, und \`errors="replace"\` verändert sie unbemerkt.
- Eine große Datei kommt in Hunderten von Stücken an: Rufen Sie \`recv()\` in einer Schleife auf,${prefix ? ' bis Sie so viele Bytes haben, wie die Länge angibt' : " bis es `b''` liefert"}. Sammeln Sie die Stücke in einer Liste und fügen Sie sie mit \`b"".join(teile)\` zusammen, oder schreiben Sie jedes Stück direkt in die Datei – \`daten = daten + stueck\` wird bei Megabytes sehr langsam.
- Probieren Sie ihn mit Ihrem eigenen Dateiserver aus: \`GET server.py\` funktioniert dort von Anfang an.
- Es steht nur die Python-Standardbibliothek zur Verfügung.
`;
}

/** The sheet for a framing; the assignment uses the default (`close`, 3 MiB). */
export function fileClientSheet(options: FileSheetOptions): { en: string; de: string } {
  return { en: en(options), de: de(options) };
}
