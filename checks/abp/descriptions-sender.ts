/** The exercise sheet for the alternating-bit sender, English and German. */
import { SENDER_DEFAULTS } from './abp-params.js';
import { PROTOCOL_DE, PROTOCOL_EN } from './descriptions-protocol.js';

const { retries, timeoutMinMs, timeoutMaxMs } = SENDER_DEFAULTS;
const sends = retries + 1;

const en = `# Alternating-bit protocol: the sender

UDP loses, doubles and delays datagrams and never tells you. In this exercise you build on top of it a simple acknowledgement scheme from layer 2, the **alternating-bit protocol**: each packet is sent again until the receiver acknowledges it, and a single bit tells a new packet from a repeat.

Write the **sender** in Python (\`client.py\`). Our receiver sits behind a deliberately bad channel.

${PROTOCOL_EN}
## What your sender has to do
1. Read host and port of our receiver from the command line: we start it as \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; also in \`SERVER_HOST\`/\`SERVER_PORT\`). Our receiver does not speak first: it answers to the address your packets come from.
2. Read all lines from stdin (\`for zeile in sys.stdin:\`), each without its line break (\`zeile.rstrip("\\n")\`). Each line becomes one data packet, in order.
3. For every packet:
   - send it with \`sendto()\` and start a timer: \`client_socket.settimeout(0.5)\` before \`recvfrom()\`;
   - an acknowledgement with **the bit of your packet** means: done, flip the bit (\`seq = 1 - seq\`), next packet;
   - an acknowledgement with the **other** bit is an old one (a late copy): ignore it and keep waiting;
   - when the timer runs out (\`except socket.timeout:\`), send the same packet again and count the retransmission;
   - after **${retries} retransmissions** (${sends} sends of the same packet) without its acknowledgement, give up: print a message and end with \`sys.exit(1)\`.
4. After the last line send the end packet \`E\` with the next bit, the same way (timer, retransmissions, acknowledgement).
5. Once \`E\` is acknowledged, close the socket and end with exit code 0.

## How we test it
Our receiver is the textbook one: a packet with the bit it expects is new (it keeps the line, acknowledges, expects the other bit); any other packet is a repeat (acknowledged again, not kept). The channel in front of it follows a schedule drawn from a random seed, so it differs from run to run; the feedback shows it, so you can replay what happened.

| Test | Points |
| --- | --- |
| Packets in the agreed format, starting with \`D0:\` and the first line | 10 |
| The bit alternates 0, 1, 0, … | 10 |
| A perfect channel: every line arrives once, in order; then \`E\`; exit code 0 | 15 |
| The channel loses some of your packets: each is sent again | 15 |
| The channel loses some of our acknowledgements: the packet is sent again | 10 |
| Your packet is lost and an old acknowledgement (the previous bit) arrives instead: it is ignored | 10 |
| A bad channel that loses, doubles and delays: every line arrives once, in order | 15 |
| Your timeout is between ${timeoutMinMs / 1000} and ${timeoutMaxMs / 1000} seconds (we measure it) | 5 |
| A channel that loses everything: ${sends} sends of the first packet, then exit code 1 | 10 |

Each run may take at most 10 seconds.

## Tips
- \`socket.timeout\` is raised by \`recvfrom()\` when the time set with \`settimeout()\` has passed without a datagram.
- Compare the whole acknowledgement: \`bytes2string(daten) == "A%i" % seq\`.
- Debug output goes to stderr (\`print(..., file=sys.stderr)\`); stdout is not graded.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Alternating-Bit-Protokoll: der Sender

UDP verliert, verdoppelt und verzögert Datagramme, ohne Bescheid zu sagen. In dieser Aufgabe bauen Sie darauf einen einfachen Quittungsbetrieb aus Schicht 2, das **Alternating-Bit-Protokoll**: Jedes Paket wird so lange wiederholt, bis der Empfänger es quittiert, und ein einzelnes Bit unterscheidet ein neues Paket von einer Wiederholung.

Schreiben Sie den **Sender** in Python (\`client.py\`). Unser Empfänger sitzt hinter einem absichtlich schlechten Kanal.

${PROTOCOL_DE}
## Was Ihr Sender tun muss
1. Host und Port unseres Empfängers von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; auch in \`SERVER_HOST\`/\`SERVER_PORT\`). Unser Empfänger meldet sich nicht zuerst: Er antwortet an die Adresse, von der Ihre Pakete kommen.
2. Alle Zeilen von der Standardeingabe lesen (\`for zeile in sys.stdin:\`), jeweils ohne Zeilenumbruch (\`zeile.rstrip("\\n")\`). Jede Zeile wird ein Datenpaket, in der Reihenfolge.
3. Für jedes Paket:
   - mit \`sendto()\` senden und einen Timer starten: \`client_socket.settimeout(0.5)\` vor \`recvfrom()\`;
   - eine Quittung mit **dem Bit Ihres Pakets** heißt: erledigt, Bit wechseln (\`seq = 1 - seq\`), nächstes Paket;
   - eine Quittung mit dem **anderen** Bit ist eine alte (eine verspätete Kopie): ignorieren und weiter warten;
   - läuft der Timer ab (\`except socket.timeout:\`), dasselbe Paket noch einmal senden und die Wiederholung zählen;
   - nach **${retries} Wiederholungen** (${sends}-mal dasselbe Paket gesendet) ohne Quittung aufgeben: eine Meldung ausgeben und mit \`sys.exit(1)\` enden.
4. Nach der letzten Zeile das Endpaket \`E\` mit dem nächsten Bit senden, genauso (Timer, Wiederholungen, Quittung).
5. Sobald \`E\` quittiert ist, den Socket schließen und mit Exit-Code 0 enden.

## So testen wir
Unser Empfänger ist der aus dem Lehrbuch: Ein Paket mit dem erwarteten Bit ist neu (er behält die Zeile, quittiert, erwartet das andere Bit); jedes andere Paket ist eine Wiederholung (wird noch einmal quittiert, aber nicht behalten). Der Kanal davor folgt einem Plan, der aus einem Zufallswert (Seed) gezogen wird und sich daher von Lauf zu Lauf unterscheidet; die Rückmeldung zeigt ihn, sodass Sie nachvollziehen können, was passiert ist.

| Test | Punkte |
| --- | --- |
| Pakete im vereinbarten Format, beginnend mit \`D0:\` und der ersten Zeile | 10 |
| Das Bit wechselt 0, 1, 0, … | 10 |
| Ein perfekter Kanal: jede Zeile kommt einmal an, in der Reihenfolge; dann \`E\`; Exit-Code 0 | 15 |
| Der Kanal verliert einige Ihrer Pakete: jedes wird wiederholt | 15 |
| Der Kanal verliert einige unserer Quittungen: das Paket wird wiederholt | 10 |
| Ihr Paket geht verloren, stattdessen kommt eine alte Quittung (das vorige Bit): sie wird ignoriert | 10 |
| Ein schlechter Kanal, der verliert, verdoppelt und verzögert: jede Zeile kommt einmal an, in der Reihenfolge | 15 |
| Ihr Timeout liegt zwischen ${String(timeoutMinMs / 1000).replace('.', ',')} und ${String(timeoutMaxMs / 1000).replace('.', ',')} Sekunden (wir messen ihn) | 5 |
| Ein Kanal, der alles verliert: ${sends}-mal das erste Paket, dann Exit-Code 1 | 10 |

Jeder Lauf darf höchstens 10 Sekunden dauern.

## Tipps
- \`socket.timeout\` wird von \`recvfrom()\` ausgelöst, wenn die mit \`settimeout()\` gesetzte Zeit ohne Datagramm vergangen ist.
- Vergleichen Sie die ganze Quittung: \`bytes2string(daten) == "A%i" % seq\`.
- Testausgaben gehören nach stderr (\`print(..., file=sys.stderr)\`); stdout wird nicht bewertet.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const senderDescription = { en, de };
