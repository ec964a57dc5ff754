/** The exercise sheet for the echo client with error handling, English and German. */

const en = `# TCP echo client with error handling

Networks fail: the server is not running, it hangs, or it drops the connection. A good client then says what went wrong and ends — it does not crash with a traceback, and it does not wait forever.

Extend your **TCP echo client** (\`client.py\`): it reads one line with \`input()\`, sends it to the echo server, prints the echo and ends — and now it also handles errors.

## What your client has to do
1. Read host and port from the command line: we start it as \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; also in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Read one line, connect, send it as UTF-8, receive the echo, print it, close the socket, end with exit code 0.
3. Set a timeout before you wait for the answer: \`client_socket.settimeout(2)\`.
4. Put the socket calls inside \`try:\` and handle errors as on the slide „Fehlerverarbeitung bei Sockets“:
   \`\`\`python
   except socket.timeout:
       print("Fehler: der Server antwortet nicht (Zeitüberschreitung)")
       sys.exit(1)
   except socket.error as err:
       print("Fehlernummer: %s, Fehlerbeschreibung: %s" % (err.errno, err.strerror))
       sys.exit(1)
   \`\`\`
   \`socket.timeout\` first: it is a \`socket.error\` too, but its \`errno\` is \`None\`, and \`"%i" % None\` crashes.
5. \`recv()\` returning \`b''\` (empty) means the server closed the connection without answering: print a message and end with \`sys.exit(1)\`.

## How we test it
We run your client four times:

| Test | Points |
| --- | --- |
| A working echo server: your client prints the echo and ends with exit code 0 | 25 |
| Nobody listens on the port (\`connect()\` is refused) | 25 |
| A server that accepts the connection but never answers | 25 |
| A server that reads your message and closes the connection without answering | 25 |

In the three error situations your client must end **within 5 seconds** (or we stop it, and the test fails), **without a traceback**. Of each test's points, 40 % are for a non-zero exit code, 40 % for a message, and 20 % for a message that names the problem (for example „Verbindung abgelehnt“ / „connection refused“, „keine Antwort“ / „timeout“, „Verbindung geschlossen“ / „connection closed“). A traceback or a hang gets no points for that test.

## Tips
- The error number of a refused connection is 111 (\`ConnectionRefusedError\`).
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# TCP-Echo-Client mit Fehlerverarbeitung

Netze versagen: Der Server läuft nicht, er hängt, oder er bricht die Verbindung ab. Ein guter Client sagt dann, was schiefging, und endet – er stürzt nicht mit einem Traceback ab und wartet nicht ewig.

Erweitern Sie Ihren **TCP-Echo-Client** (\`client.py\`): Er liest eine Zeile mit \`input()\`, schickt sie an den Echo-Server, gibt das Echo aus und endet – und jetzt behandelt er auch Fehler.

## Was Ihr Client tun muss
1. Host und Port von der Kommandozeile lesen: Wir starten ihn als \`python3 client.py HOST PORT\` (\`sys.argv[1]\`, \`int(sys.argv[2])\`; auch in \`SERVER_HOST\`/\`SERVER_PORT\`).
2. Eine Zeile lesen, verbinden, sie als UTF-8 senden, das Echo empfangen, ausgeben, den Socket schließen, mit Exit-Code 0 enden.
3. Vor dem Warten auf die Antwort einen Timeout setzen: \`client_socket.settimeout(2)\`.
4. Die Socket-Befehle in \`try:\` setzen und Fehler wie auf der Folie „Fehlerverarbeitung bei Sockets“ behandeln:
   \`\`\`python
   except socket.timeout:
       print("Fehler: der Server antwortet nicht (Zeitüberschreitung)")
       sys.exit(1)
   except socket.error as err:
       print("Fehlernummer: %s, Fehlerbeschreibung: %s" % (err.errno, err.strerror))
       sys.exit(1)
   \`\`\`
   \`socket.timeout\` zuerst: Es ist auch ein \`socket.error\`, aber sein \`errno\` ist \`None\`, und \`"%i" % None\` stürzt ab.
5. Liefert \`recv()\` \`b''\` (leer), hat der Server die Verbindung ohne Antwort geschlossen: eine Meldung ausgeben und mit \`sys.exit(1)\` enden.

## So testen wir
Wir starten Ihren Client viermal:

| Test | Punkte |
| --- | --- |
| Ein funktionierender Echo-Server: Ihr Client gibt das Echo aus und endet mit Exit-Code 0 | 25 |
| Niemand lauscht auf dem Port (\`connect()\` wird abgewiesen) | 25 |
| Ein Server, der die Verbindung annimmt, aber nie antwortet | 25 |
| Ein Server, der Ihre Nachricht liest und die Verbindung ohne Antwort schließt | 25 |

In den drei Fehlersituationen muss Ihr Client **innerhalb von 5 Sekunden** enden (sonst beenden wir ihn, und der Test ist nicht bestanden), **ohne Traceback**. Von den Punkten eines Tests gibt es 40 % für einen Exit-Code ungleich 0, 40 % für eine Meldung und 20 % für eine Meldung, die das Problem benennt (zum Beispiel „Verbindung abgelehnt“ / „connection refused“, „keine Antwort“ / „timeout“, „Verbindung geschlossen“ / „connection closed“). Ein Traceback oder ein Hängenbleiben bringt für diesen Test keine Punkte.

## Tipps
- Die Fehlernummer einer abgewiesenen Verbindung ist 111 (\`ConnectionRefusedError\`).
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const echoTcpClientErrorsDescription = { en, de };
