/** Exercise sheet for the chat client, English and German. */

const en = `# Chat client (class protocol)

Write a **TCP chat client** in Python (\`client.py\`) for the protocol our class agreed on ("Chatprogramm – Das Protokoll"): it logs in with a name, sends what the user types, shows what the others write, and logs out at the end.

## The protocol
**Every message ends with \`\\0\`** (the zero byte) — in both directions.

| Client → server | Server → client | Meaning |
| --- | --- | --- |
| \`/login NAME\\0\` | \`/ok NAME1\\nNAME2\\n…\\0\` or \`/error\\0\` | log in; \`/ok\` lists everyone logged in |
| \`/logout\\0\` | \`/ok\\0\` or \`/error\\0\` | log out |
| \`/users\\0\` | \`/users NAME1\\nNAME2\\n…\\0\` | who is logged in |
| \`text\\0\` | to the others: \`NAME:text\\0\` | a chat message |

Names consist only of \`a–z\`, \`A–Z\`, \`0–9\`, \`_\` and \`-\`. The slide shows a space in front of the messages (\`' /login Aliasname\\0'\`): that is only typesetting, leave it out.

## What your client has to do
1. We start it as \`python3 client.py HOST PORT\`: take host and port from \`sys.argv[1]\` and \`int(sys.argv[2])\` (also in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Read the **name from the first line of stdin** (\`input()\`), connect, and send \`/login NAME\\0\`.
3. If the answer is \`/error\`: print a message that says the name is taken or not allowed, and end the program (\`sys.exit(1)\` recommended; exit code 0 is accepted too). Send nothing more.
4. If the answer is \`/ok …\`: from now on, **at the same time**
   - read the following lines of stdin and send each one as a message: \`zeile + "\\0"\`;
   - receive what the server sends and **print** every \`NAME:text\` (e.g. exactly as it comes: \`Bob:Hallo!\`). Use a second thread (\`threading.Thread\`) or \`select()\` for this.
5. At the end of input (\`EOFError\` from \`input()\`): send \`/logout\\0\`, **wait for \`/ok\`** (so nothing the others said gets lost), close the socket and end with exit code 0.

Messages from the server can arrive together or in pieces: collect what \`recv()\` returns and split it at \`\\0\`.

## How we test it
Our server has a participant **Bob** who is logged in already. About 150 ms after our \`/ok\` to your login he greets you; if your client sends a message before that, his greeting comes right after that message arrives, followed by his answer to it (he answers only your first message). Our server does not send you your own messages back. After \`/ok\` to your \`/logout\` it waits up to 500 ms for your client to close the connection, then closes it itself.

We type your name (a different one on each run, e.g. \`Mia_7\`) and three lines, e.g. \`Hallo zusammen!\`, \`Grüße aus Köln – 5 € für Äpfel\`, \`Uhrzeit: 12:30\`. In a second run we type the name \`Bob\`, which is taken.

| Test | Points |
| --- | --- |
| The first message is \`/login NAME\\0\` with the name we typed | 20 |
| Every further line arrives as one message, ended by \`\\0\`, in order | 20 |
| Your client prints everything Bob says, with his name | 20 |
| At the end of input your client sends \`/logout\\0\` | 15 |
| Your client ends by itself within 10 seconds, with exit code 0 | 10 |
| With a taken name (\`/error\`), your client says so, sends nothing more and ends | 15 |

## Tips
- \`input()\` removes the line break; \`sys.stdin.readline()\` does not — a name with \`\\n\` is not a valid name.
- Do not forget the \`\\0\`: without it the server cannot know where your message ends, and two lines run together.
- A receiving thread blocks in \`recv()\`. It ends when \`recv()\` returns \`b''\` (the server closed the connection after your logout), or make it a daemon thread (\`daemon=True\`).
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Chat-Client (Klassenprotokoll)

Schreiben Sie einen **TCP-Chat-Client** in Python (\`client.py\`) für das Protokoll, auf das sich unser Kurs geeinigt hat („Chatprogramm – Das Protokoll“): Er meldet sich mit einem Namen an, schickt, was die Benutzerin tippt, zeigt, was die anderen schreiben, und meldet sich am Ende ab.

## Das Protokoll
**Jede Nachricht endet mit \`\\0\`** (dem Null-Byte) — in beide Richtungen.

| Client → Server | Server → Client | Bedeutung |
| --- | --- | --- |
| \`/login NAME\\0\` | \`/ok NAME1\\nNAME2\\n…\\0\` oder \`/error\\0\` | Anmeldung; \`/ok\` nennt alle Angemeldeten |
| \`/logout\\0\` | \`/ok\\0\` oder \`/error\\0\` | Abmeldung |
| \`/users\\0\` | \`/users NAME1\\nNAME2\\n…\\0\` | wer angemeldet ist |
| \`Text\\0\` | an die anderen: \`NAME:Text\\0\` | eine Chat-Nachricht |

Namen bestehen nur aus \`a–z\`, \`A–Z\`, \`0–9\`, \`_\` und \`-\`. Auf der Folie steht vor den Nachrichten ein Leerzeichen (\`' /login Aliasname\\0'\`): Das ist nur Satz, lassen Sie es weg.

## Was Ihr Client tun muss
1. Wir starten ihn als \`python3 client.py HOST PORT\`: Host und Port aus \`sys.argv[1]\` und \`int(sys.argv[2])\` nehmen (auch in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Den **Namen aus der ersten Zeile der Standardeingabe** lesen (\`input()\`), verbinden und \`/login NAME\\0\` schicken.
3. Ist die Antwort \`/error\`: eine Meldung ausgeben, dass der Name vergeben oder nicht erlaubt ist, und das Programm beenden (\`sys.exit(1)\` empfohlen; Exit-Code 0 wird auch akzeptiert). Nichts weiter schicken.
4. Ist die Antwort \`/ok …\`: ab jetzt **gleichzeitig**
   - die folgenden Zeilen der Standardeingabe lesen und jede als Nachricht schicken: \`zeile + "\\0"\`;
   - empfangen, was der Server schickt, und jedes \`NAME:Text\` **ausgeben** (z. B. genau so, wie es kommt: \`Bob:Hallo!\`). Dafür einen zweiten Thread (\`threading.Thread\`) oder \`select()\` verwenden.
5. Am Ende der Eingabe (\`EOFError\` bei \`input()\`): \`/logout\\0\` schicken, **auf \`/ok\` warten** (damit nichts verloren geht, was die anderen gesagt haben), den Socket schließen und mit Exit-Code 0 enden.

Nachrichten des Servers können zusammen oder in Stücken ankommen: Sammeln Sie, was \`recv()\` liefert, und trennen Sie am \`\\0\`.

## So testen wir
Auf unserem Server ist schon **Bob** angemeldet. Etwa 150 ms nach unserem \`/ok\` auf Ihre Anmeldung begrüßt er Sie; schickt Ihr Client vorher schon eine Nachricht, kommt seine Begrüßung gleich nach deren Eintreffen, danach seine Antwort darauf (er antwortet nur auf Ihre erste Nachricht). Unser Server schickt Ihnen Ihre eigenen Nachrichten nicht zurück. Nach dem \`/ok\` auf Ihr \`/logout\` wartet er bis zu 500 ms darauf, dass Ihr Client die Verbindung schließt, und schließt sie dann selbst.

Wir tippen Ihren Namen (bei jedem Lauf einen anderen, z. B. \`Mia_7\`) und drei Zeilen, z. B. \`Hallo zusammen!\`, \`Grüße aus Köln – 5 € für Äpfel\`, \`Uhrzeit: 12:30\`. In einem zweiten Lauf tippen wir den Namen \`Bob\`, der schon vergeben ist.

| Test | Punkte |
| --- | --- |
| Die erste Nachricht ist \`/login NAME\\0\` mit dem getippten Namen | 20 |
| Jede weitere Zeile kommt als eine Nachricht an, mit \`\\0\` am Ende, in der richtigen Reihenfolge | 20 |
| Ihr Client gibt alles aus, was Bob sagt, mit seinem Namen | 20 |
| Am Ende der Eingabe schickt Ihr Client \`/logout\\0\` | 15 |
| Ihr Client endet von selbst innerhalb von 10 Sekunden mit Exit-Code 0 | 10 |
| Bei vergebenem Namen (\`/error\`) sagt Ihr Client das, schickt nichts weiter und endet | 15 |

## Tipps
- \`input()\` entfernt den Zeilenumbruch, \`sys.stdin.readline()\` nicht — ein Name mit \`\\n\` ist kein gültiger Name.
- Vergessen Sie das \`\\0\` nicht: Ohne es weiß der Server nicht, wo Ihre Nachricht endet, und zwei Zeilen laufen zusammen.
- Ein Empfangs-Thread blockiert in \`recv()\`. Er endet, wenn \`recv()\` \`b''\` liefert (der Server hat nach Ihrem Logout die Verbindung geschlossen), oder machen Sie ihn zum Daemon-Thread (\`daemon=True\`).
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const chatClientDescription = { en, de };
