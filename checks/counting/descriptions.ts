/** Exercise sheets for the counting services, English and German. */

const charcountEn = `# UDP character-count server

Write a **character-count server** ("Zeichenzahl-Dienst") for UDP in Python (\`server.py\`): a client sends a text in a datagram, and your server answers with the **number of characters** of that text.

## What your server has to do
1. Create a UDP socket (\`socket.AF_INET\`, \`socket.SOCK_DGRAM\`) and bind it, e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`. Port 0 lets the system pick a free port; print it if you like. We find your port automatically.
2. In an endless loop: \`daten, addr = server_socket.recvfrom(4096)\`, turn the bytes into text (\`bytes2string(daten)\`), count its characters and send the number back as text: \`server_socket.sendto(string2bytes(str(anzahl)), addr)\`.

## How to count
- Count **characters, not bytes**: \`Grüße\` has 5 characters (but 7 bytes in UTF-8); \`€\` and \`😀\` are one character each. Python's \`len()\` on the text (a \`str\`) counts exactly like this; \`len(daten)\` on the bytes does not.
- **One line break at the very end** (\`\\n\` or \`\\r\\n\`) does not count: it usually comes from pressing Enter. Remove it before counting: \`text.rstrip("\\r\\n")\`.
- **Everything else counts**, spaces included, also at the start and end: \`"  a b  "\` has 7 characters. So do not use \`strip()\`.
- An empty datagram is an empty text: answer \`0\`.
- Answer with **only the number**, e.g. \`14\`. A line break after it is fine.

## How we test it
| Test | We send | Expected | Points |
| --- | --- | --- | --- |
| A short text | \`Hallo Welt\` | \`10\` | 15 |
| Umlauts | \`Grüße aus Köln\` | \`14\` | 20 |
| € and an emoji | \`5 € für 😀\` | \`9\` | 15 |
| A line break at the end | \`Hallo\\n\`, then \`Hallo\\r\\n\` | \`5\`, \`5\` | 15 |
| Spaces count too | \`  zwei  Leerzeichen  \` | \`21\` | 10 |
| An empty datagram | (nothing) | \`0\` | 10 |
| Three datagrams one after the other | \`eins\`, \`zwei drei\`, \`Straße\` | \`4\`, \`9\`, \`6\` | 15 |

Each test waits at most 2 seconds for your answer.

## Tips
- \`recvfrom(1024)\` cuts off longer datagrams; \`recvfrom(4096)\` is safer.
- Reply to the address \`recvfrom()\` gave you together with the data.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const charcountDe = `# UDP-Zeichenzahl-Server

Schreiben Sie einen **Zeichenzahl-Dienst** für UDP in Python (\`server.py\`): Ein Client schickt einen Text in einem Datagramm, und Ihr Server antwortet mit der **Anzahl der Zeichen** dieses Textes.

## Was Ihr Server tun muss
1. Einen UDP-Socket erzeugen (\`socket.AF_INET\`, \`socket.SOCK_DGRAM\`) und binden, z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`. Mit Port 0 wählt das System einen freien Port; Sie dürfen ihn ausgeben. Wir finden Ihren Port automatisch.
2. In einer Endlosschleife: \`daten, addr = server_socket.recvfrom(4096)\`, die Bytes in Text umwandeln (\`bytes2string(daten)\`), die Zeichen zählen und die Zahl als Text zurückschicken: \`server_socket.sendto(string2bytes(str(anzahl)), addr)\`.

## So wird gezählt
- Zählen Sie **Zeichen, nicht Bytes**: \`Grüße\` hat 5 Zeichen (aber 7 Bytes in UTF-8); \`€\` und \`😀\` sind je ein Zeichen. Pythons \`len()\` auf dem Text (einem \`str\`) zählt genau so; \`len(daten)\` auf den Bytes nicht.
- **Ein Zeilenumbruch ganz am Ende** (\`\\n\` oder \`\\r\\n\`) zählt nicht mit: Er kommt meist vom Drücken der Eingabetaste. Entfernen Sie ihn vor dem Zählen: \`text.rstrip("\\r\\n")\`.
- **Alles andere zählt**, auch Leerzeichen, auch am Anfang und am Ende: \`"  a b  "\` hat 7 Zeichen. Verwenden Sie also nicht \`strip()\`.
- Ein leeres Datagramm ist ein leerer Text: Antworten Sie \`0\`.
- Antworten Sie **nur mit der Zahl**, z. B. \`14\`. Ein Zeilenumbruch danach ist in Ordnung.

## So testen wir
| Test | Wir schicken | Erwartet | Punkte |
| --- | --- | --- | --- |
| Ein kurzer Text | \`Hallo Welt\` | \`10\` | 15 |
| Umlaute | \`Grüße aus Köln\` | \`14\` | 20 |
| € und ein Emoji | \`5 € für 😀\` | \`9\` | 15 |
| Ein Zeilenumbruch am Ende | \`Hallo\\n\`, dann \`Hallo\\r\\n\` | \`5\`, \`5\` | 15 |
| Leerzeichen zählen mit | \`  zwei  Leerzeichen  \` | \`21\` | 10 |
| Ein leeres Datagramm | (nichts) | \`0\` | 10 |
| Drei Datagramme nacheinander | \`eins\`, \`zwei drei\`, \`Straße\` | \`4\`, \`9\`, \`6\` | 15 |

Jeder Test wartet höchstens 2 Sekunden auf Ihre Antwort.

## Tipps
- \`recvfrom(1024)\` schneidet längere Datagramme ab; \`recvfrom(4096)\` ist sicherer.
- Antworten Sie an die Adresse, die \`recvfrom()\` zusammen mit den Daten geliefert hat.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

const digitsumEn = `# TCP digit-sum server

Write a **digit-sum server** ("Quersummen-Dienst") for TCP in Python (\`server.py\`): a client connects and sends a whole number as text; your server answers with the **sum of its digits**. For \`4711\` that is 4 + 7 + 1 + 1 = \`13\`.

## What your server has to do
1. Create a TCP socket (\`socket.AF_INET\`, \`socket.SOCK_STREAM\`) and bind it, e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`. We find your port automatically.
2. Call \`listen()\` and then, in an endless loop, \`accept()\` one client after the other.
3. Receive the number with \`recv(1024)\` and turn it into text (\`bytes2string()\`). The client sends it **without a line break**, like \`string2bytes(input())\`, and then waits for your answer: so read once, do not wait for more.
4. Send the digit sum back as text (\`string2bytes(str(summe))\`), close the client's socket and go back to \`accept()\`.

One number per connection is enough, as in the examples from class.

## The rules
- Only digits count. A sign in front (\`-4711\`, \`+305\`) is not a digit: the digit sum of \`-4711\` is \`13\`.
- Leading zeros add nothing: \`0042\` gives \`6\`.
- A line break or spaces around the number are ignored: \`12345\\n\` gives \`15\`.
- The number may be very long, longer than any \`int\` in other languages. Python's \`int()\` has no limit, or add up the digits of the text directly; do not use \`float()\`, it rounds long numbers.
- If the text is not a number (e.g. \`zwölf\`), answer with an **error message** (any text that is not a number, e.g. \`Fehler: keine Zahl\`) and keep running. Catch the error: \`try: ... except ValueError: ...\`.
- Answer with **only the number**, e.g. \`13\`. A line break after it is fine.

## How we test it
| Test | We send | Expected | Points |
| --- | --- | --- | --- |
| A small number | \`4711\` | \`13\` | 20 |
| A number with 29 digits | \`98765432109876543210987654321\` | \`135\` | 15 |
| Leading zeros | \`0042\` | \`6\` | 10 |
| Three connections one after the other | \`1\`, \`99\`, \`123456789\` | \`1\`, \`18\`, \`45\` | 20 |
| A line break after the number | \`12345\\n\` | \`15\` | 10 |
| A sign in front | \`-4711\`, then \`+305\` | \`13\`, \`8\` | 15 |
| Not a number, then a number again | \`zwölf\`, then \`123\` | an error message, then \`6\` | 10 |

Each number goes over a new connection. Each test waits at most 2 seconds for your answer. If your server crashes, all later tests fail too, so the last tests are the ones that tempt a crash.

## Tips
- Test your server with a client of your own first.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const digitsumDe = `# TCP-Quersummen-Server

Schreiben Sie einen **Quersummen-Dienst** für TCP in Python (\`server.py\`): Ein Client verbindet sich und schickt eine ganze Zahl als Text; Ihr Server antwortet mit der **Quersumme**, der Summe ihrer Ziffern. Für \`4711\` ist das 4 + 7 + 1 + 1 = \`13\`.

## Was Ihr Server tun muss
1. Einen TCP-Socket erzeugen (\`socket.AF_INET\`, \`socket.SOCK_STREAM\`) und binden, z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`. Wir finden Ihren Port automatisch.
2. \`listen()\` aufrufen und dann in einer Endlosschleife mit \`accept()\` einen Client nach dem anderen annehmen.
3. Die Zahl mit \`recv(1024)\` empfangen und in Text umwandeln (\`bytes2string()\`). Der Client schickt sie **ohne Zeilenumbruch**, wie \`string2bytes(input())\`, und wartet dann auf Ihre Antwort: Lesen Sie also einmal und warten Sie nicht auf mehr.
4. Die Quersumme als Text zurückschicken (\`string2bytes(str(summe))\`), den Socket des Clients schließen und zurück zu \`accept()\`.

Eine Zahl pro Verbindung genügt, wie in den Beispielen aus dem Unterricht.

## Die Regeln
- Nur Ziffern zählen. Ein Vorzeichen (\`-4711\`, \`+305\`) ist keine Ziffer: Die Quersumme von \`-4711\` ist \`13\`.
- Führende Nullen tragen nichts bei: \`0042\` ergibt \`6\`.
- Ein Zeilenumbruch oder Leerzeichen um die Zahl herum werden ignoriert: \`12345\\n\` ergibt \`15\`.
- Die Zahl kann sehr lang sein, länger als jeder \`int\` in anderen Sprachen. Pythons \`int()\` hat keine Grenze, oder Sie addieren die Ziffern des Textes direkt; verwenden Sie nicht \`float()\`, das rundet lange Zahlen.
- Ist der Text keine Zahl (z. B. \`zwölf\`), antworten Sie mit einer **Fehlermeldung** (irgendein Text, der keine Zahl ist, z. B. \`Fehler: keine Zahl\`) und laufen weiter. Fangen Sie den Fehler ab: \`try: ... except ValueError: ...\`.
- Antworten Sie **nur mit der Zahl**, z. B. \`13\`. Ein Zeilenumbruch danach ist in Ordnung.

## So testen wir
| Test | Wir schicken | Erwartet | Punkte |
| --- | --- | --- | --- |
| Eine kleine Zahl | \`4711\` | \`13\` | 20 |
| Eine Zahl mit 29 Ziffern | \`98765432109876543210987654321\` | \`135\` | 15 |
| Führende Nullen | \`0042\` | \`6\` | 10 |
| Drei Verbindungen nacheinander | \`1\`, \`99\`, \`123456789\` | \`1\`, \`18\`, \`45\` | 20 |
| Ein Zeilenumbruch nach der Zahl | \`12345\\n\` | \`15\` | 10 |
| Ein Vorzeichen | \`-4711\`, dann \`+305\` | \`13\`, \`8\` | 15 |
| Keine Zahl, dann wieder eine Zahl | \`zwölf\`, dann \`123\` | eine Fehlermeldung, dann \`6\` | 10 |

Jede Zahl kommt über eine neue Verbindung. Jeder Test wartet höchstens 2 Sekunden auf Ihre Antwort. Stürzt Ihr Server ab, scheitern auch alle späteren Tests; deshalb kommen die Tests, die zu einem Absturz verleiten, zuletzt.

## Tipps
- Testen Sie Ihren Server zuerst mit einem eigenen Client.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const charcountDescription = { en: charcountEn, de: charcountDe };
export const digitsumDescription = { en: digitsumEn, de: digitsumDe };
