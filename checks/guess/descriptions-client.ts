/** Exercise sheet for the guessing client, English and German. */

const en = `# Number-guessing client (Zahlenraten)

Write a **TCP client** in Python (\`client.py\`) for the guessing game: the player types guesses, your client sends them to the server and tells the player what the server answered.

## The protocol (from the course appendix)
| Direction | Message | Meaning |
| --- | --- | --- |
| client → server | \`str(versuch)\`, e.g. \`50\` | a guess |
| server → client | \`-\` | the secret number is **smaller** than the guess |
| server → client | \`+\` | the secret number is **larger** than the guess |
| server → client | \`=\` | the guess is right: the game is over |

The server's answers come without a line break. After \`=\` the server closes the connection.

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\`, so use \`sys.argv[1]\` and \`int(sys.argv[2])\`. (They are also in the environment variables \`SERVER_HOST\` and \`SERVER_PORT\`.)
2. Connect to the server **once** (\`socket.SOCK_STREAM\`, \`connect()\`); the whole game runs over this one connection.
3. In a loop: read a guess with \`input()\` (one guess per line), send it as \`str(versuch)\` (\`string2bytes()\`), receive the answer (\`recv()\`) and **print** what it means, e.g. \`Die gesuchte Zahl ist kleiner.\` / \`… größer.\` / \`Richtig!\`
4. As soon as the answer is \`=\`: stop guessing, print the result — at least the secret number, e.g. \`Richtig! Die Zahl war 37.\` — close the socket and end the program.

## How we test it
Our server thinks of a number. We type several guesses on your client's stdin — too large, too small, …, the right one — and after the right one **two more**, which your client must not send any more.

| Test | Points |
| --- | --- |
| Our server receives exactly the guesses you read, in order | 20 |
| Your client prints what every answer means (\`-\`: smaller, \`+\`: larger, \`=\`: right) | 20 |
| After \`=\` your client sends nothing more | 20 |
| After \`=\` your client prints the result with the secret number | 15 |
| Your client closes the connection and ends with exit code 0 within 10 seconds | 10 |
| A second, shorter game: everything again | 15 |

## Tips
- \`-\` means the **secret** is smaller (your guess was too large). Printing \`zu groß\` or \`Die gesuchte Zahl ist kleiner\` is right; \`größer\` would be wrong.
- Compare the answer as text after decoding: \`antwort = bytes2string(daten)\`, then \`if antwort.strip() == "=":\`.
- Do not wait for anything after \`=\`: the game is over.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Client für das Zahlenraten

Schreiben Sie einen **TCP-Client** in Python (\`client.py\`) für das Zahlenratespiel: Die Spielerin tippt Versuche ein, Ihr Client schickt sie an den Server und sagt ihr, was der Server geantwortet hat.

## Das Protokoll (aus dem Anhang des Kurses)
| Richtung | Nachricht | Bedeutung |
| --- | --- | --- |
| Client → Server | \`str(versuch)\`, z. B. \`50\` | ein Rateversuch |
| Server → Client | \`-\` | die gesuchte Zahl ist **kleiner** als der Versuch |
| Server → Client | \`+\` | die gesuchte Zahl ist **größer** als der Versuch |
| Server → Client | \`=\` | die gesuchte Zahl ist gleich: das Spiel ist vorbei |

Die Antworten des Servers kommen ohne Zeilenumbruch. Nach \`=\` schließt der Server die Verbindung.

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\`, also \`sys.argv[1]\` und \`int(sys.argv[2])\` verwenden. (Sie stehen auch in den Umgebungsvariablen \`SERVER_HOST\` und \`SERVER_PORT\`.)
2. **Einmal** mit dem Server verbinden (\`socket.SOCK_STREAM\`, \`connect()\`); das ganze Spiel läuft über diese eine Verbindung.
3. In einer Schleife: einen Versuch mit \`input()\` lesen (ein Versuch pro Zeile), als \`str(versuch)\` schicken (\`string2bytes()\`), die Antwort empfangen (\`recv()\`) und **ausgeben**, was sie bedeutet, z. B. \`Die gesuchte Zahl ist kleiner.\` / \`… größer.\` / \`Richtig!\`
4. Sobald die Antwort \`=\` ist: nicht weiterraten, das Ergebnis ausgeben — mindestens die gesuchte Zahl, z. B. \`Richtig! Die Zahl war 37.\` —, den Socket schließen und das Programm beenden.

## So testen wir
Unser Server denkt sich eine Zahl aus. Wir tippen mehrere Versuche in die Standardeingabe Ihres Clients — zu groß, zu klein, …, den richtigen — und nach dem richtigen **noch zwei weitere**, die Ihr Client nicht mehr schicken darf.

| Test | Punkte |
| --- | --- |
| Unser Server empfängt genau die gelesenen Versuche, in der richtigen Reihenfolge | 20 |
| Ihr Client gibt aus, was jede Antwort bedeutet (\`-\`: kleiner, \`+\`: größer, \`=\`: richtig) | 20 |
| Nach \`=\` schickt Ihr Client nichts mehr | 20 |
| Nach \`=\` gibt Ihr Client das Ergebnis mit der gesuchten Zahl aus | 15 |
| Ihr Client schließt die Verbindung und endet innerhalb von 10 Sekunden mit Exit-Code 0 | 10 |
| Ein zweites, kürzeres Spiel: alles noch einmal | 15 |

## Tipps
- \`-\` heißt: Die **gesuchte** Zahl ist kleiner (Ihr Versuch war zu groß). \`zu groß\` oder \`Die gesuchte Zahl ist kleiner\` auszugeben ist richtig, \`größer\` wäre falsch.
- Vergleichen Sie die Antwort als Text nach dem Dekodieren: \`antwort = bytes2string(daten)\`, dann \`if antwort.strip() == "=":\`.
- Warten Sie nach \`=\` auf nichts mehr: Das Spiel ist vorbei.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const guessClientDescription = { en, de };
