/** Exercise sheets for sending a Python object with pickle, English and German, for either framing. */
import type { Framing } from './params.js';

function en(framing: Framing): string {
  const prefix = framing === 'length-prefix';
  return `# Sending a Python object (pickle)

Write a **client** in Python (\`client.py\`) that sends a Python object — a list, a dict, … — over TCP to a server. Sockets carry only bytes; Python's \`pickle\` module turns an object into bytes (\`pickle.dumps(objekt)\`) and those bytes back into the object (\`pickle.loads(daten)\`).

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\`, so use \`sys.argv[1]\` and \`int(sys.argv[2])\`.
2. Read **one line** with \`input()\`: a Python value written as in a program, e.g. \`[1, 2, 3, 'vier', 5.0]\`. Turn the text into the object with \`objekt = ast.literal_eval(zeile)\` (\`import ast\`; unlike \`eval()\` it accepts only values and never runs code).
3. Turn the object into bytes: \`daten = pickle.dumps(objekt)\`.
4. Connect to the server and send ${
    prefix
      ? 'first the **length** of `daten` as **8 bytes, big-endian**, then `daten` itself: `client_socket.sendall(len(daten).to_bytes(8, "big") + daten)`'
      : "`daten`, then end your **sending side** with `client_socket.shutdown(socket.SHUT_WR)`: the server's `recv()` then returns `b''` and knows the object is complete, while the connection stays open for the answer"
  }.
5. Receive the server's answer — one line, e.g. \`OK list 5\` or \`ERROR …\` — and **print** it as text. Close the socket and end.

${
  prefix
    ? 'Why the length? TCP has no message boundaries: the server has to know where the object ends. The length goes first, in network byte order (big-endian, like `htonl` in class), always 8 bytes.'
    : "Why the shutdown? TCP has no message boundaries: the server has to know where the object ends. Ending the sending side says \"that's all\" — without closing the connection."
}

## Never unpickle what you do not trust
A pickle is more than data: it may contain the instruction "import \`os.system\` and call it with \`rm -rf …\`", and \`pickle.loads()\` obeys. That is why a program must **never** unpickle bytes from someone it does not trust. Our server therefore does not use \`pickle.loads()\`: it reads your pickle itself and refuses everything that would run code — including objects of your own classes. Send plain values only: lists, tuples, dicts, sets, strings, numbers, bytes, \`True\`/\`False\`/\`None\`.

## How we test it
We run your client four times, each time with another line:

| Test | Points |
| --- | --- |
| \`[1, 2, 3, 'vier', 5.0]\`: our server receives exactly this list | 25 |
| Your client prints our answer (\`OK list 5\`) and ends with exit code 0 | 15 |
| A nested dict with umlauts, \`True\` and \`None\` | 20 |
| All kinds of values: a tuple, a set, bytes, a very large int, a negative int, a float, text with €, \`True\`, \`None\` | 20 |
| A list of 5000 strings (about 75 KB: longer than a single \`recv()\` and longer than 65535 bytes) | 20 |

We compare the object exactly: \`5\` is not \`5.0\`, a tuple is not a list. Each run may take at most 10 seconds.

## Tips
- \`print(antwort)\` on bytes shows \`b'OK list 5\\n'\`: decode first (\`bytes2string(antwort)\`).
- Send with \`sendall()\`: \`send()\` may send only part of a large object.
- To try it, write a small server yourself: ${prefix ? 'read 8 bytes, `laenge = int.from_bytes(kopf, "big")`, then `recv()` in a loop until you have `laenge` bytes' : "`recv()` in a loop until it returns `b''`"}, then \`pickle.loads()\` — fine on your own computer with your own client.
- Only the Python standard library is available.
`;
}

function de(framing: Framing): string {
  const prefix = framing === 'length-prefix';
  return `# Ein Python-Objekt übertragen (pickle)

Schreiben Sie einen **Client** in Python (\`client.py\`), der ein Python-Objekt – eine Liste, ein Dictionary, … – über TCP an einen Server schickt. Sockets übertragen nur Bytes; das Modul \`pickle\` macht aus einem Objekt Bytes (\`pickle.dumps(objekt)\`) und aus diesen Bytes wieder das Objekt (\`pickle.loads(daten)\`).

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\`, verwenden Sie also \`sys.argv[1]\` und \`int(sys.argv[2])\`.
2. **Eine Zeile** mit \`input()\` einlesen: einen Python-Wert, so geschrieben wie im Programm, z. B. \`[1, 2, 3, 'vier', 5.0]\`. Machen Sie aus dem Text das Objekt mit \`objekt = ast.literal_eval(zeile)\` (\`import ast\`; anders als \`eval()\` akzeptiert es nur Werte und führt nie Code aus).
3. Das Objekt in Bytes umwandeln: \`daten = pickle.dumps(objekt)\`.
4. Sich mit dem Server verbinden und ${
    prefix
      ? 'zuerst die **Länge** von `daten` als **8 Bytes, Big-Endian** schicken, dann `daten` selbst: `client_socket.sendall(len(daten).to_bytes(8, "big") + daten)`'
      : "`daten` schicken, dann die **Senderichtung** mit `client_socket.shutdown(socket.SHUT_WR)` beenden: Beim Server liefert `recv()` dann `b''` und er weiß, dass das Objekt vollständig ist – die Verbindung bleibt für die Antwort offen"
  }.
5. Die Antwort des Servers empfangen – eine Zeile, z. B. \`OK list 5\` oder \`ERROR …\` – und als Text **ausgeben**. Den Socket schließen und das Programm beenden.

${
  prefix
    ? 'Warum die Länge? TCP kennt keine Nachrichtengrenzen: Der Server muss wissen, wo das Objekt endet. Die Länge kommt zuerst, in Netzdarstellung (Big-Endian, wie `htonl` im Unterricht), immer 8 Bytes.'
    : 'Warum das shutdown? TCP kennt keine Nachrichtengrenzen: Der Server muss wissen, wo das Objekt endet. Das Beenden der Senderichtung sagt „das war alles“ – ohne die Verbindung zu schließen.'
}

## Niemals unpicklen, was man nicht kennt
Ein Pickle ist mehr als Daten: Er kann die Anweisung enthalten „importiere \`os.system\` und rufe es mit \`rm -rf …\` auf“, und \`pickle.loads()\` gehorcht. Deshalb darf ein Programm Bytes von jemandem, dem es nicht vertraut, **niemals** unpicklen. Unser Server verwendet darum kein \`pickle.loads()\`: Er liest Ihren Pickle selbst und lehnt alles ab, was Code ausführen würde – auch Objekte Ihrer eigenen Klassen. Schicken Sie nur einfache Werte: Listen, Tupel, Dictionaries, Mengen, Strings, Zahlen, Bytes, \`True\`/\`False\`/\`None\`.

## So testen wir
Wir starten Ihren Client viermal, jedes Mal mit einer anderen Zeile:

| Test | Punkte |
| --- | --- |
| \`[1, 2, 3, 'vier', 5.0]\`: Unser Server empfängt genau diese Liste | 25 |
| Ihr Client gibt unsere Antwort aus (\`OK list 5\`) und endet mit Exit-Code 0 | 15 |
| Ein verschachteltes Dictionary mit Umlauten, \`True\` und \`None\` | 20 |
| Alle Arten von Werten: ein Tupel, eine Menge, Bytes, eine sehr große Ganzzahl, eine negative Zahl, eine Kommazahl, Text mit €, \`True\`, \`None\` | 20 |
| Eine Liste mit 5000 Strings (etwa 75 KB: länger als ein einzelnes \`recv()\` und länger als 65535 Bytes) | 20 |

Wir vergleichen das Objekt exakt: \`5\` ist nicht \`5.0\`, ein Tupel ist keine Liste. Jeder Lauf darf höchstens 10 Sekunden dauern.

## Tipps
- \`print(antwort)\` zeigt bei Bytes \`b'OK list 5\\n'\`: Erst dekodieren (\`bytes2string(antwort)\`).
- Senden Sie mit \`sendall()\`: \`send()\` schickt von einem großen Objekt eventuell nur einen Teil.
- Zum Ausprobieren schreiben Sie selbst einen kleinen Server: ${prefix ? '8 Bytes lesen, `laenge = int.from_bytes(kopf, "big")`, dann `recv()` in einer Schleife, bis Sie `laenge` Bytes haben' : "`recv()` in einer Schleife, bis es `b''` liefert"}, dann \`pickle.loads()\` – auf Ihrem eigenen Rechner mit Ihrem eigenen Client ist das in Ordnung.
- Es steht nur die Python-Standardbibliothek zur Verfügung.
`;
}

/** The sheet for a framing; the assignment uses the default (`length-prefix`). */
export function objectTransferSheet(framing: Framing): { en: string; de: string } {
  return { en: en(framing), de: de(framing) };
}
