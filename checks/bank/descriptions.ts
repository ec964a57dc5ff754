/** Exercise sheet for the bank server, English and German. */

const en = `# Bank server

Write a **TCP server** in Python (\`server.py\`) for a bank account: clients can deposit money, withdraw money (if the account covers it!) and ask for the current balance.

## The protocol
Every request is **one line** (ending with \`\\n\`); your server answers every request with **one line**.

| Request | Reply if it works | Reply if not |
| --- | --- | --- |
| \`DEPOSIT <amount>\`, e.g. \`DEPOSIT 25\` | \`OK <new balance>\`, e.g. \`OK 125\` | \`ERROR <reason>\` |
| \`WITHDRAW <amount>\`, e.g. \`WITHDRAW 15\` | \`OK <new balance>\` | \`ERROR <reason>\`, e.g. \`ERROR not enough money\` |
| \`BALANCE\` | \`OK <balance>\` | |

- Amounts are **whole numbers greater than 0**. Anything else (\`-5\`, \`0\`, \`2.5\`, \`abc\`) gets \`ERROR …\` and changes nothing.
- A withdrawal that is larger than the balance gets \`ERROR …\` and changes nothing. The balance never goes below 0; withdrawing exactly the whole balance is fine.
- There is **one account** for all clients: the balance stays when a client disconnects, and the next client sees it. It may start at 0 or any other amount.
- A client may send **several requests over one connection**, each after the reply to the previous one, and closes the connection when it is done.

Your teacher may give you other words for the protocol (e.g. \`EINZAHLEN\`, \`AUSZAHLEN\`, \`KONTOSTAND\`, \`OK\`, \`FEHLER\`); use the ones your class agreed on.

## What your server has to do
1. Create a TCP socket, bind it (e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`) and call \`listen()\`. We find your port automatically.
2. Keep the balance in a variable outside the \`accept()\` loop.
3. For every client: receive requests in a loop, split each line into the word and the amount, check the amount, book it and reply — until \`recv()\` returns \`b''\`. Then close the client's socket and go back to \`accept()\`.

## How we test it
| Test | Points |
| --- | --- |
| \`BALANCE\` gets \`OK <balance>\` | 10 |
| A deposit: the reply and, on a new connection, the balance show the new balance | 15 |
| A withdrawal the balance covers | 15 |
| A withdrawal larger than the balance is refused and changes nothing; withdrawing everything leaves 0 | 15 |
| Several requests over one connection | 10 |
| Two clients at the same time, each depositing 1 fifty times: the balance must grow by exactly 100 | 15 |
| Invalid amounts (negative, zero, with decimals, not a number) are refused and change nothing | 20 |

Each reply may take at most 2 seconds. For the invalid amounts you get points for every case handled right.

## Tips
- TCP does not keep message boundaries, but here the client waits for your reply before it sends the next request, so one \`recv()\` usually holds exactly one line. To be safe, collect bytes until you have a \`\\n\` and handle each complete line.
- \`int("abc")\` raises a \`ValueError\`, and so does \`int("2.5")\`: catch it and reply with an error instead of crashing.
- Serving one client after the other is fine. If you use threads, two of them may change the balance at the same time: protect the update with a \`threading.Lock()\`.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Bank-Server

Schreiben Sie einen **TCP-Server** in Python (\`server.py\`) für ein Bankkonto: Clients können Geld einzahlen, Geld abheben (falls das Konto es deckt!) und den aktuellen Kontostand abfragen.

## Das Protokoll
Jede Anfrage ist **eine Zeile** (endet mit \`\\n\`); Ihr Server beantwortet jede Anfrage mit **einer Zeile**.

| Anfrage | Antwort, wenn es klappt | Antwort, wenn nicht |
| --- | --- | --- |
| \`DEPOSIT <betrag>\`, z. B. \`DEPOSIT 25\` | \`OK <neuer Kontostand>\`, z. B. \`OK 125\` | \`ERROR <grund>\` |
| \`WITHDRAW <betrag>\`, z. B. \`WITHDRAW 15\` | \`OK <neuer Kontostand>\` | \`ERROR <grund>\`, z. B. \`ERROR Deckung reicht nicht\` |
| \`BALANCE\` | \`OK <kontostand>\` | |

- Beträge sind **ganze Zahlen größer als 0**. Alles andere (\`-5\`, \`0\`, \`2.5\`, \`abc\`) bekommt \`ERROR …\` und ändert nichts.
- Eine Auszahlung, die größer als der Kontostand ist, bekommt \`ERROR …\` und ändert nichts. Der Kontostand wird nie negativ; genau den ganzen Kontostand abzuheben ist erlaubt.
- Es gibt **ein Konto** für alle Clients: Der Kontostand bleibt erhalten, wenn ein Client die Verbindung beendet, und der nächste Client sieht ihn. Er darf bei 0 oder einem anderen Betrag beginnen.
- Ein Client darf **mehrere Anfragen über eine Verbindung** schicken, jede nach der Antwort auf die vorige, und schließt die Verbindung, wenn er fertig ist.

Ihre Lehrkraft kann andere Wörter für das Protokoll vorgeben (z. B. \`EINZAHLEN\`, \`AUSZAHLEN\`, \`KONTOSTAND\`, \`OK\`, \`FEHLER\`); verwenden Sie die, auf die sich Ihre Klasse geeinigt hat.

## Was Ihr Server tun muss
1. Einen TCP-Socket erzeugen, binden (z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`) und \`listen()\` aufrufen. Wir finden Ihren Port automatisch.
2. Den Kontostand in einer Variablen außerhalb der \`accept()\`-Schleife speichern.
3. Für jeden Client: in einer Schleife Anfragen empfangen, jede Zeile in Wort und Betrag zerlegen, den Betrag prüfen, buchen und antworten — bis \`recv()\` \`b''\` liefert. Dann den Socket des Clients schließen und zurück zu \`accept()\`.

## So testen wir
| Test | Punkte |
| --- | --- |
| \`BALANCE\` bekommt \`OK <kontostand>\` | 10 |
| Eine Einzahlung: Die Antwort und, über eine neue Verbindung, der Kontostand zeigen den neuen Kontostand | 15 |
| Eine Auszahlung, die der Kontostand deckt | 15 |
| Eine Auszahlung über den Kontostand hinaus wird abgelehnt und ändert nichts; alles abzuheben lässt 0 übrig | 15 |
| Mehrere Anfragen über eine Verbindung | 10 |
| Zwei Clients gleichzeitig, die je fünfzigmal 1 einzahlen: Der Kontostand muss um genau 100 wachsen | 15 |
| Ungültige Beträge (negativ, null, mit Nachkommastellen, keine Zahl) werden abgelehnt und ändern nichts | 20 |

Jede Antwort darf höchstens 2 Sekunden dauern. Bei den ungültigen Beträgen gibt es Punkte für jeden richtig behandelten Fall.

## Tipps
- TCP kennt keine Nachrichtengrenzen, aber hier wartet der Client auf Ihre Antwort, bevor er die nächste Anfrage schickt; ein \`recv()\` enthält also meist genau eine Zeile. Sicherer ist es, Bytes zu sammeln, bis ein \`\\n\` da ist, und jede vollständige Zeile zu bearbeiten.
- \`int("abc")\` löst einen \`ValueError\` aus, \`int("2.5")\` auch: Fangen Sie ihn ab und antworten Sie mit einem Fehler, statt abzustürzen.
- Einen Client nach dem anderen zu bedienen ist in Ordnung. Wenn Sie Threads verwenden, können zwei davon gleichzeitig den Kontostand ändern: Schützen Sie die Änderung mit einem \`threading.Lock()\`.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const bankServerDescription = { en, de };
