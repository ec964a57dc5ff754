/** Exercise sheet for the HTTP client, English and German. */

const en = `# HTTP client: fetching a web page

Write a **web client** in Python (\`client.py\`) that fetches a page from a web server with HTTP/1.1 and prints it — like the client on the slides ("HTTP-Client"), but so that it works with every server.

## Input
We start it as \`python3 client.py HOST PORT\` (also in \`SERVER_HOST\`/\`SERVER_PORT\`). There is no input on stdin: fetch the start page, \`/\`.

## The protocol
The request is a few lines of text, **each ending with \`\\r\\n\`**, and **an empty line** at the end:

\`\`\`
GET / HTTP/1.1
Host: 127.0.0.1:8080
Connection: close

\`\`\`

- The request line: method, path, version, separated by single spaces.
- \`Host\` is required in HTTP/1.1 (RFC 9112 §3.2): the host you connect to, with the port when it is not 80.
- \`Connection: close\` (optional) asks the server to close the connection after the answer.

The response: a status line (\`HTTP/1.1 200 OK\`), header lines, an empty line, then the body, e.g.

\`\`\`
HTTP/1.1 200 OK
Content-Type: text/html; charset=iso-8859-1
Content-Length: 6120

<!DOCTYPE html>…
\`\`\`

## What your client has to do
1. Connect, send the request (\`sendall\`).
2. Receive the **whole** response: the page is larger than one \`recv()\`, and it arrives in several pieces. Call \`recv()\` in a loop.
3. Know where the body ends. Either the server closes the connection (\`recv()\` returns \`b''\`), or you read exactly \`Content-Length\` bytes after the empty line — or, with \`Transfer-Encoding: chunked\`, you read the chunks (see below).
4. Decode the body in the charset the \`Content-Type\` names — our page is **ISO-8859-1**: \`str(daten, "iso-8859-1")\` — and **print it**. Printing the header too is fine.
5. End with exit code 0.

### Keep-alive
In HTTP/1.1 a server keeps the connection open after the answer (for a next request) unless the client sent \`Connection: close\`. A client that reads "until the server closes" then waits until the server gives up on the idle connection — our server does that after 2 seconds, real ones after 5 to 75. It still works, but it is slow: read by \`Content-Length\`, or send \`Connection: close\`.

### Chunked
A server that does not know the length in advance sends the body with \`Transfer-Encoding: chunked\` (RFC 9112 §7.1) instead of \`Content-Length\`: each chunk is a line with its size **in hex**, the data, \`\\r\\n\`; a chunk of size \`0\` ends the body.

\`\`\`
258\\r\\n
…600 bytes…\\r\\n
5dc\\r\\n
…1500 bytes…\\r\\n
0\\r\\n
\\r\\n
\`\`\`

Only the data belongs to the page. (A server sends chunks only to HTTP/1.1 clients: a request with \`HTTP/1.0\` gets the body without them.)

## How we test it
Our server is a mock web server; its page ("Sommerfest der HSG") is ISO-8859-1 with umlauts, about 6 KB, with a word at the top that changes on every run (\`Tageslosung: …\`). It sends the page in four pieces, 40 ms apart. We run your client three times: with \`Connection: close\` and \`Content-Length\`; on a keep-alive connection; and with a chunked body.

| Test | Points |
| --- | --- |
| The request line is \`GET / HTTP/1.1\` (or \`HTTP/1.0\`) | 10 |
| The request has a \`Host\` field (required in HTTP/1.1) | 10 |
| Every line of the request ends with \`\\r\\n\`, and an empty line ends it | 10 |
| Your client prints the page's \`Tageslosung\` | 15 |
| The umlauts come out right (ISO-8859-1) | 15 |
| Your client prints the whole page, down to the last paragraph | 15 |
| On a keep-alive connection your client still prints the whole page and ends | 10 |
| A chunked body comes out whole, without the chunk sizes | 15 |

A bare \`\\n\` instead of \`\\r\\n\` is accepted by our server (RFC 9112 §2.2 allows that, and most servers do) and costs only the third test. A request without \`Host\` is served anyway, so the other tests can grade the rest; a real server would answer \`400 Bad Request\`.

## Tips
- If you keep the slides' fixed host name \`www.hsg-kl.de\`: here every host name leads to our server. The **port** must come from \`sys.argv[2]\`.
- The slide decodes every block on its own: fine for ISO-8859-1 (one byte per character), wrong for UTF-8, where a character can be cut in two. Collect the bytes, decode once.
- \`daten.split(b"\\r\\n\\r\\n", 1)\` separates header and body; \`int(wert)\` reads \`Content-Length\`, \`int(zeile, 16)\` a chunk size.
- Python's \`urllib.request.urlopen(url)\` does all of this and passes every test — compare! The exercise, though, is to write it with \`socket\`.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# HTTP-Client: eine Webseite abrufen

Schreiben Sie einen **Web-Client** in Python (\`client.py\`), der mit HTTP/1.1 eine Seite von einem Webserver holt und ausgibt — wie der Client auf den Folien („HTTP-Client“), aber so, dass er mit jedem Server funktioniert.

## Eingabe
Wir starten ihn als \`python3 client.py HOST PORT\` (auch in \`SERVER_HOST\`/\`SERVER_PORT\`). Auf der Standardeingabe kommt nichts: Holen Sie die Startseite, \`/\`.

## Das Protokoll
Die Anfrage besteht aus ein paar Textzeilen, **jede mit \`\\r\\n\` am Ende**, und **einer Leerzeile** zum Schluss:

\`\`\`
GET / HTTP/1.1
Host: 127.0.0.1:8080
Connection: close

\`\`\`

- Die Anfragezeile: Methode, Pfad, Version, getrennt durch je ein Leerzeichen.
- \`Host\` ist in HTTP/1.1 Pflicht (RFC 9112 §3.2): der Host, mit dem Sie sich verbinden, mit Port, wenn er nicht 80 ist.
- \`Connection: close\` (freiwillig) bittet den Server, die Verbindung nach der Antwort zu schließen.

Die Antwort: eine Statuszeile (\`HTTP/1.1 200 OK\`), Kopfzeilen, eine Leerzeile, dann der Inhalt, z. B.

\`\`\`
HTTP/1.1 200 OK
Content-Type: text/html; charset=iso-8859-1
Content-Length: 6120

<!DOCTYPE html>…
\`\`\`

## Was Ihr Client tun muss
1. Verbinden, die Anfrage schicken (\`sendall\`).
2. Die **ganze** Antwort empfangen: Die Seite ist größer als ein \`recv()\` und kommt in mehreren Stücken an. Rufen Sie \`recv()\` in einer Schleife auf.
3. Wissen, wo der Inhalt endet. Entweder schließt der Server die Verbindung (\`recv()\` liefert \`b''\`), oder Sie lesen nach der Leerzeile genau \`Content-Length\` Bytes — oder Sie lesen bei \`Transfer-Encoding: chunked\` die Stücke (siehe unten).
4. Den Inhalt in der Zeichenkodierung dekodieren, die \`Content-Type\` nennt — unsere Seite ist **ISO-8859-1**: \`str(daten, "iso-8859-1")\` — und **ausgeben**. Den Kopf mit auszugeben ist in Ordnung.
5. Mit Exit-Code 0 enden.

### Keep-alive
In HTTP/1.1 hält ein Server die Verbindung nach der Antwort offen (für eine weitere Anfrage), außer der Client hat \`Connection: close\` geschickt. Ein Client, der „bis der Server schließt“ liest, wartet dann, bis der Server die untätige Verbindung aufgibt — unser Server tut das nach 2 Sekunden, echte nach 5 bis 75. Das funktioniert, ist aber langsam: Lesen Sie nach \`Content-Length\`, oder schicken Sie \`Connection: close\`.

### Chunked
Ein Server, der die Länge vorher nicht kennt, schickt den Inhalt mit \`Transfer-Encoding: chunked\` (RFC 9112 §7.1) statt \`Content-Length\`: Jedes Stück („Chunk“) ist eine Zeile mit seiner Größe **hexadezimal**, die Daten, \`\\r\\n\`; ein Stück der Größe \`0\` beendet den Inhalt.

\`\`\`
258\\r\\n
…600 Bytes…\\r\\n
5dc\\r\\n
…1500 Bytes…\\r\\n
0\\r\\n
\\r\\n
\`\`\`

Nur die Daten gehören zur Seite. (Ein Server schickt Chunks nur an HTTP/1.1-Clients: Eine Anfrage mit \`HTTP/1.0\` bekommt den Inhalt ohne.)

## So testen wir
Unser Server ist ein Test-Webserver; seine Seite („Sommerfest der HSG“) ist ISO-8859-1 mit Umlauten, etwa 6 KB groß, mit einem Wort oben, das sich bei jedem Lauf ändert (\`Tageslosung: …\`). Er schickt die Seite in vier Stücken, 40 ms auseinander. Wir starten Ihren Client dreimal: mit \`Connection: close\` und \`Content-Length\`; auf einer Keep-alive-Verbindung; und mit einem Inhalt in Chunks.

| Test | Punkte |
| --- | --- |
| Die Anfragezeile ist \`GET / HTTP/1.1\` (oder \`HTTP/1.0\`) | 10 |
| Die Anfrage hat ein \`Host\`-Feld (Pflicht in HTTP/1.1) | 10 |
| Jede Zeile der Anfrage endet mit \`\\r\\n\`, eine Leerzeile beendet sie | 10 |
| Ihr Client gibt die \`Tageslosung\` der Seite aus | 15 |
| Die Umlaute kommen richtig heraus (ISO-8859-1) | 15 |
| Ihr Client gibt die ganze Seite aus, bis zum letzten Absatz | 15 |
| Auf einer Keep-alive-Verbindung gibt Ihr Client trotzdem die ganze Seite aus und endet | 10 |
| Ein Inhalt in Chunks kommt ganz heraus, ohne die Chunk-Größen | 15 |

Ein einzelnes \`\\n\` statt \`\\r\\n\` akzeptiert unser Server (RFC 9112 §2.2 erlaubt das, und die meisten Server tun es) und zieht nur im dritten Test Punkte ab. Eine Anfrage ohne \`Host\` wird trotzdem bedient, damit die anderen Tests den Rest bewerten können; ein echter Server würde \`400 Bad Request\` antworten.

## Tipps
- Wenn Sie den festen Hostnamen \`www.hsg-kl.de\` der Folien behalten: Hier führt jeder Hostname zu unserem Server. Der **Port** muss aus \`sys.argv[2]\` kommen.
- Die Folie dekodiert jeden Block einzeln: Für ISO-8859-1 (ein Byte pro Zeichen) geht das, für UTF-8 nicht, weil ein Zeichen in zwei Blöcke zerschnitten sein kann. Bytes sammeln, einmal dekodieren.
- \`daten.split(b"\\r\\n\\r\\n", 1)\` trennt Kopf und Inhalt; \`int(wert)\` liest \`Content-Length\`, \`int(zeile, 16)\` eine Chunk-Größe.
- Pythons \`urllib.request.urlopen(url)\` erledigt das alles und besteht jeden Test — vergleichen Sie! Die Aufgabe ist aber, es mit \`socket\` zu schreiben.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const httpClientDescription = { en, de };
