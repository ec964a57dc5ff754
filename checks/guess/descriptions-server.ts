/** Exercise sheet for the guessing server, English and German. */

const en = `# Number-guessing server (Zahlenraten)

Write a **TCP server** in Python (\`server.py\`) for the well-known guessing game: the server thinks of a whole number from **1 to 100**, the client guesses, and the server says whether the secret number is smaller, larger or equal.

## The protocol (from the course appendix)
| Direction | Message | Meaning |
| --- | --- | --- |
| client → server | \`str(versuch)\`, e.g. \`50\` | a guess |
| server → client | \`-\` | the secret number is **smaller** than the guess |
| server → client | \`+\` | the secret number is **larger** than the guess |
| server → client | \`=\` | the guess is right: the game is over |

- The client sends the guess as bare digits **without** a line break (\`50\`), and waits for your answer before it sends the next guess. Some clients add a line break (\`50\\n\`): accept that too (\`int()\` ignores it).
- Answer with exactly one symbol. A line break after it (\`-\\n\`) is allowed, other text is not.
- One game is one connection: the client connects, guesses until it gets \`=\`, and closes. Then the next client (or the same one again) connects for a new game. A new secret for each game is fine, keeping one is fine too.

## What your server has to do
1. Create a TCP socket, bind it (e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`) and call \`listen()\`. We find your port automatically.
2. In an endless loop: \`accept()\` a client, pick the secret (\`random.randint(1, 100)\`), then **in a loop** receive a guess, compare it with the secret and send \`-\`, \`+\` or \`=\` — until the answer was \`=\` or \`recv()\` returns \`b''\`. Then close the client's socket and go back to \`accept()\`.

## How we test it
We cannot know your secret, so our client checks that **all your answers fit one secret number from 1 to 100**. If two answers contradict each other, the feedback shows the whole game.

| Test | Points |
| --- | --- |
| A game played by binary search: \`=\` must come within 8 guesses | 30 |
| A game with careless guesses: both ends of the range, numbers your answers already ruled out | 20 |
| Guesses outside the range (\`0\` must get \`+\`, \`101\` must get \`-\`) and the same guess twice in a row (same answer!) | 20 |
| Three games one after the other, each on a new connection | 20 |
| A game in which every guess ends with a line break (\`50\\n\`) | 10 |

Each answer may take at most 2 seconds.

## Tips
- \`recv()\` once per guess is fine here: the client waits for your answer before it sends the next guess.
- Compare **numbers**, not text: \`versuch = int(bytes2string(daten))\`.
- Do not reject guesses outside 1–100: just compare. A guess of 0 is smaller than any secret, so the answer is \`+\`.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.

## Extensions (only if your teacher switches them on)
- **Count the guesses**: the answer to the right guess carries the number of guesses of this game, e.g. \`= 7\`.
- **Difficulty level**: before the first guess the client sends a level (e.g. \`1\` for 1–10, \`2\` for 1–100, \`3\` for 1–1000); the server answers \`OK\` and picks the secret in that range.
- **Abort a game**: the client sends \`ABBRUCH\` instead of a guess; the server ends the game and closes the connection.
Your teacher tells you the exact words and ranges.
`;

const de = `# Server für das Zahlenraten

Schreiben Sie einen **TCP-Server** in Python (\`server.py\`) für das bekannte Zahlenratespiel: Der Server denkt sich eine ganze Zahl von **1 bis 100** aus, der Client rät, und der Server sagt, ob die gesuchte Zahl kleiner, größer oder gleich ist.

## Das Protokoll (aus dem Anhang des Kurses)
| Richtung | Nachricht | Bedeutung |
| --- | --- | --- |
| Client → Server | \`str(versuch)\`, z. B. \`50\` | ein Rateversuch |
| Server → Client | \`-\` | die gesuchte Zahl ist **kleiner** als der Versuch |
| Server → Client | \`+\` | die gesuchte Zahl ist **größer** als der Versuch |
| Server → Client | \`=\` | die gesuchte Zahl ist gleich: das Spiel ist vorbei |

- Der Client schickt den Versuch als Ziffern **ohne** Zeilenumbruch (\`50\`) und wartet auf Ihre Antwort, bevor er den nächsten Versuch schickt. Manche Clients hängen einen Zeilenumbruch an (\`50\\n\`): Auch das muss funktionieren (\`int()\` ignoriert ihn).
- Antworten Sie mit genau einem Zeichen. Ein Zeilenumbruch danach (\`-\\n\`) ist erlaubt, anderer Text nicht.
- Ein Spiel ist eine Verbindung: Der Client verbindet sich, rät, bis er \`=\` bekommt, und schließt die Verbindung. Dann verbindet sich der nächste Client (oder derselbe noch einmal) für ein neues Spiel. Eine neue Zahl für jedes Spiel ist in Ordnung, dieselbe Zahl auch.

## Was Ihr Server tun muss
1. Einen TCP-Socket erzeugen, binden (z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`) und \`listen()\` aufrufen. Wir finden Ihren Port automatisch.
2. In einer Endlosschleife: mit \`accept()\` einen Client annehmen, die Zahl auswählen (\`random.randint(1, 100)\`), dann **in einer Schleife** einen Versuch empfangen, mit der Zahl vergleichen und \`-\`, \`+\` oder \`=\` schicken — bis die Antwort \`=\` war oder \`recv()\` \`b''\` liefert. Dann den Socket des Clients schließen und zurück zu \`accept()\`.

## So testen wir
Wir kennen Ihre Zahl nicht. Unser Client prüft deshalb, ob **alle Ihre Antworten zu einer Zahl von 1 bis 100 passen**. Widersprechen sich zwei Antworten, zeigt die Rückmeldung das ganze Spiel.

| Test | Punkte |
| --- | --- |
| Ein Spiel mit Intervallhalbierung: \`=\` muss nach höchstens 8 Versuchen kommen | 30 |
| Ein Spiel mit ungeschickten Versuchen: beide Enden des Bereichs, Zahlen, die Ihre Antworten schon ausgeschlossen haben | 20 |
| Versuche außerhalb des Bereichs (\`0\` muss \`+\` bekommen, \`101\` muss \`-\` bekommen) und zweimal derselbe Versuch hintereinander (gleiche Antwort!) | 20 |
| Drei Spiele nacheinander, jedes auf einer neuen Verbindung | 20 |
| Ein Spiel, in dem jeder Versuch mit einem Zeilenumbruch endet (\`50\\n\`) | 10 |

Jede Antwort darf höchstens 2 Sekunden dauern.

## Tipps
- Ein \`recv()\` pro Versuch genügt hier: Der Client wartet auf Ihre Antwort, bevor er weiterrät.
- Vergleichen Sie **Zahlen**, keinen Text: \`versuch = int(bytes2string(daten))\`.
- Lehnen Sie Versuche außerhalb von 1–100 nicht ab, sondern vergleichen Sie einfach. 0 ist kleiner als jede gesuchte Zahl, also lautet die Antwort \`+\`.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.

## Erweiterungen (nur wenn Ihre Lehrkraft sie einschaltet)
- **Rateversuche mitzählen**: Die Antwort auf den richtigen Versuch enthält die Zahl der Versuche dieses Spiels, z. B. \`= 7\`.
- **Schwierigkeitsgrad**: Vor dem ersten Versuch schickt der Client eine Stufe (z. B. \`1\` für 1–10, \`2\` für 1–100, \`3\` für 1–1000); der Server antwortet \`OK\` und wählt die Zahl in diesem Bereich.
- **Spiel abbrechen**: Der Client schickt \`ABBRUCH\` statt eines Versuchs; der Server beendet das Spiel und schließt die Verbindung.
Die genauen Wörter und Bereiche nennt Ihnen Ihre Lehrkraft.
`;

export const guessServerDescription = { en, de };
