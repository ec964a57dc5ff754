/** The exercise sheet for the alternating-bit receiver, English and German. */
import { RECEIVER_DEFAULTS } from './abp-params.js';
import { PROTOCOL_DE, PROTOCOL_EN } from './descriptions-protocol.js';

const { peerTimeoutMs, peerRetries } = RECEIVER_DEFAULTS;

const en = `# Alternating-bit protocol: the receiver

UDP loses, doubles and delays datagrams and never tells you. The **alternating-bit protocol** (a simple acknowledgement scheme from layer 2) fixes that: the sender repeats each packet until it is acknowledged, and a single bit tells a new packet from a repeat.

Write the **receiver** in Python (\`client.py\`). Our sender sits behind a deliberately bad channel.

${PROTOCOL_EN}
## Why the receiver is started like a client
We grade what your receiver prints, and we see a program's output only once it has ended. So your receiver does not wait for us as a server would: it contacts our sender, receives one transfer, and ends. Our sender learns your address from your first datagram, the **hello** \`H\`.

## What your receiver has to do
1. Read host and port of our sender from the command line: we start it as \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; also in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Create a UDP socket and send \`H\` to that address, once.
3. Expect bit \`0\`. In a loop, receive a packet with \`recvfrom()\`:
   - acknowledge **every** packet at once with \`A\` and **its** bit, sent to the address \`recvfrom()\` returned;
   - if its bit is the one you expect, it is new: print the line (everything after the *first* colon) and expect the other bit from now on;
   - if not, it is a repeat (your acknowledgement was lost, or the channel doubled the packet): acknowledged again, **not** printed again;
   - a new \`E\` packet ends the transfer: acknowledge it, leave the loop.
4. Close the socket and end with exit code 0.

Print each line on its own, with nothing else on stdout (debug output goes to stderr: \`print(..., file=sys.stderr)\`).

## How we test it
Our sender sends the packet again when no acknowledgement with its bit comes within ${peerTimeoutMs / 1000} s, and gives up after ${peerRetries} retransmissions. The channel follows a schedule drawn from a random seed, so it differs from run to run; the feedback shows it, so you can replay what happened. The end packet is never disturbed.

| Test | Points |
| --- | --- |
| Hello first, then one acknowledgement \`A0\`/\`A1\` with the right bit for each packet | 10 |
| A perfect channel: every line printed once, in order; \`E\` acknowledged; exit code 0 | 20 |
| Packets arrive twice (doubled, repeated after a lost acknowledgement, an old copy turning up late): every copy is acknowledged | 25 |
| … and no line is printed twice | 25 |
| A bad channel that loses, doubles and delays: every line printed once, in order | 20 |

Each run may take at most 10 seconds.

## Tips
- \`paket.split(":", 1)[1]\` is the line; \`split(":")\` would cut \`Uhrzeit: 12:30\` apart.
- Your receiver needs no timeout for the protocol; a generous one (\`settimeout(5)\`) with a message keeps it from waiting forever when something goes wrong.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Alternating-Bit-Protokoll: der Empfänger

UDP verliert, verdoppelt und verzögert Datagramme, ohne Bescheid zu sagen. Das **Alternating-Bit-Protokoll** (ein einfacher Quittungsbetrieb aus Schicht 2) behebt das: Der Sender wiederholt jedes Paket, bis es quittiert ist, und ein einzelnes Bit unterscheidet ein neues Paket von einer Wiederholung.

Schreiben Sie den **Empfänger** in Python (\`client.py\`). Unser Sender sitzt hinter einem absichtlich schlechten Kanal.

${PROTOCOL_DE}
## Warum der Empfänger wie ein Client gestartet wird
Wir bewerten, was Ihr Empfänger ausgibt, und die Ausgabe eines Programms sehen wir erst, wenn es beendet ist. Ihr Empfänger wartet deshalb nicht wie ein Server auf uns: Er meldet sich bei unserem Sender, empfängt eine Übertragung und endet. Ihre Adresse erfährt unser Sender aus Ihrem ersten Datagramm, dem **Hallo** \`H\`.

## Was Ihr Empfänger tun muss
1. Host und Port unseres Senders von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; auch in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Einen UDP-Socket erzeugen und einmal \`H\` an diese Adresse senden.
3. Bit \`0\` erwarten. In einer Schleife ein Paket mit \`recvfrom()\` empfangen:
   - **jedes** Paket sofort mit \`A\` und **seinem** Bit quittieren, gesendet an die Adresse, die \`recvfrom()\` geliefert hat;
   - trägt es das erwartete Bit, ist es neu: die Zeile ausgeben (alles nach dem *ersten* Doppelpunkt) und ab jetzt das andere Bit erwarten;
   - sonst ist es eine Wiederholung (Ihre Quittung ging verloren, oder der Kanal hat das Paket verdoppelt): noch einmal quittieren, aber **nicht** noch einmal ausgeben;
   - ein neues \`E\`-Paket beendet die Übertragung: quittieren, Schleife verlassen.
4. Den Socket schließen und mit Exit-Code 0 enden.

Geben Sie jede Zeile für sich aus und sonst nichts auf stdout (Testausgaben gehören nach stderr: \`print(..., file=sys.stderr)\`).

## So testen wir
Unser Sender wiederholt ein Paket, wenn nicht innerhalb von ${String(peerTimeoutMs / 1000).replace('.', ',')} s eine Quittung mit seinem Bit kommt, und gibt nach ${peerRetries} Wiederholungen auf. Der Kanal folgt einem Plan, der aus einem Zufallswert (Seed) gezogen wird und sich daher von Lauf zu Lauf unterscheidet; die Rückmeldung zeigt ihn, sodass Sie nachvollziehen können, was passiert ist. Das Endpaket wird nie gestört.

| Test | Punkte |
| --- | --- |
| Zuerst das Hallo, dann für jedes Paket eine Quittung \`A0\`/\`A1\` mit dem richtigen Bit | 10 |
| Ein perfekter Kanal: jede Zeile einmal ausgegeben, in der Reihenfolge; \`E\` quittiert; Exit-Code 0 | 20 |
| Pakete kommen doppelt an (verdoppelt, wiederholt nach verlorener Quittung, eine alte Kopie kommt verspätet): jede Kopie wird quittiert | 25 |
| … und keine Zeile wird doppelt ausgegeben | 25 |
| Ein schlechter Kanal, der verliert, verdoppelt und verzögert: jede Zeile einmal ausgegeben, in der Reihenfolge | 20 |

Jeder Lauf darf höchstens 10 Sekunden dauern.

## Tipps
- \`paket.split(":", 1)[1]\` ist die Zeile; \`split(":")\` würde \`Uhrzeit: 12:30\` zerschneiden.
- Für das Protokoll braucht Ihr Empfänger keinen Timeout; ein großzügiger (\`settimeout(5)\`) mit einer Meldung verhindert, dass er ewig wartet, wenn etwas schiefgeht.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const receiverDescription = { en, de };
