/** Exercise sheet for the SMTP client, English and German. */

const en = `# SMTP client: sending a mail

Write a **mail client** in Python (\`client.py\`) that sends one e-mail to an SMTP server (RFC 5321), like the client on the slides ("SMTP-Client") — but so that it follows the rules exactly.

## Input
We start it as \`python3 client.py HOST PORT\` (host and port also in \`SERVER_HOST\`/\`SERVER_PORT\`) and type on stdin:

\`\`\`
grafzahl@sesamstrasse.de          ← line 1: the sender
ernie@hsg-kl.de                   ← line 2: the recipient
Einladung zum Zählen Nr. 471      ← line 3: the subject
Hallo Ernie,                      ← from line 4 to the end of input: the body
…
\`\`\`

## The conversation
The example from RFC 5321 (S = server, C = client). **Every line ends with \`\\r\\n\`** (CR LF), in both directions.

\`\`\`
S: 220 foo.com Simple Mail Transfer Service Ready
C: EHLO bar.com
S: 250-foo.com greets bar.com
S: 250-8BITMIME
S: 250 HELP
C: MAIL FROM:<JQP@bar.com>
S: 250 OK
C: RCPT TO:<Jones@XYZ.COM>
S: 250 OK
C: DATA
S: 354 Start mail input; end with <CRLF>.<CRLF>
C: Date: Thu, 21 May 1998 05:33:29 -0700
C: From: <JQP@bar.com>
C: Subject: The Next Meeting of the Board
C: To: <Jones@xyz.com>
C:
C: Bill:
C: The next meeting of the board of directors will be on Tuesday.
C: .
S: 250 OK
C: QUIT
S: 221 foo.com Service closing transmission channel
\`\`\`

## What your client has to do
1. Connect and **read the greeting** (\`220 …\`) before you send anything: in SMTP the server speaks first.
2. Send \`HELO name\` or \`EHLO name\` (any name, e.g. \`sesamstrasse.de\`). The reply to \`EHLO\` has several lines: \`250-…\` means "more lines follow", \`250 …\` (a space after the code) is the last one.
3. \`MAIL FROM:<sender>\`, then \`RCPT TO:<recipient>\` — the addresses in **angle brackets**, no space after the colon — then \`DATA\`. **Wait for the reply to each command** before you send the next one; our server does not offer PIPELINING.
4. After \`354\`, send the message: the header lines \`From: <sender>\`, \`To: <recipient>\`, \`Subject: subject\` and \`Date: …\` (a real date: \`email.utils.formatdate(localtime=True)\`), **an empty line**, then the body line by line.
5. **Dot-stuffing** (RFC 5321 §4.5.2): a body line that starts with a dot gets one more dot in front (\`...und\` is sent as \`....und\`). The server removes it again.
6. End the message with a line that holds **only a dot**: \`\\r\\n.\\r\\n\`. Read the \`250\`.
7. Send \`QUIT\`, read the \`221\`, close the socket and end with exit code 0.

Send text as UTF-8 (\`string2bytes()\`); our server offers \`8BITMIME\`, so umlauts may be sent as they are.

## How we test it
Our server is a mock mail server (\`mail.hsg-kl.de\`); it delivers nothing, it records the conversation. Like a busy real server it greets after 100 ms and answers each command after 25 ms — a client that does not wait for the replies is noticed. The input changes from run to run; its body always has umlauts, an empty line and a line that starts with a dot.

| Test | Points |
| --- | --- |
| The commands come in the right order: \`HELO\`/\`EHLO\`, \`MAIL\`, \`RCPT\`, \`DATA\`, message (RFC 5321 §4.1.4) | 15 |
| Your client waits for the greeting and for the reply to each command | 15 |
| \`MAIL FROM:<…>\` and \`RCPT TO:<…>\` with the addresses we typed | 10 |
| The header has \`From\`, \`To\`, \`Subject\` (as typed) and a valid \`Date\` (RFC 5322 §3.6) — a quarter each | 10 |
| The body arrives exactly as typed, after an empty line | 10 |
| The message ends with a line that holds only a dot | 10 |
| The line that starts with a dot is dot-stuffed | 10 |
| \`QUIT\` at the end; your client then ends by itself with exit code 0 | 10 |
| Every line ends with \`\\r\\n\` | 10 |

A bare \`\\n\` at the end of a line is accepted by our server (as by many real ones) and costs only the last test; the others are graded as if the line ends were right.

## Tips
- The slides' client sends \`HELO\` before it reads the greeting, and ends lines with \`\\n\`. Fix both.
- If you keep the slides' fixed host name \`mail.hsg-kl.de\`: here every host name leads to our server. The **port** must come from \`sys.argv[2]\`.
- \`recv(1024)\` may return part of a reply, or two replies at once. Collect what arrives and read line by line:
  \`\`\`python
  puffer = b""

  def antwort_lesen(s):
      """Reads one reply (possibly several lines) and returns its code, e.g. 250."""
      global puffer
      while True:
          while b"\\n" not in puffer:
              block = s.recv(1024)
              if not block:
                  raise ConnectionError("the server closed the connection")
              puffer += block
          zeile, puffer = puffer.split(b"\\n", 1)
          zeile = zeile.decode("utf-8", "replace").rstrip("\\r")
          if len(zeile) < 4 or zeile[3] != "-":
              return int(zeile[:3])
  \`\`\`
- Check the codes: \`2xx\` is fine, \`354\` invites the message, \`4xx\`/\`5xx\` is an error — print it and end with \`sys.exit(1)\`.
- Python's \`smtplib\` does all of this for you and passes every test; comparing its conversation (\`server.set_debuglevel(1)\`) with yours is instructive. The exercise, though, is to write it with \`socket\`.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# SMTP-Client: eine Mail verschicken

Schreiben Sie einen **Mail-Client** in Python (\`client.py\`), der eine E-Mail an einen SMTP-Server schickt (RFC 5321) — wie der Client auf den Folien („SMTP-Client“), aber so, dass er sich genau an die Regeln hält.

## Eingabe
Wir starten ihn als \`python3 client.py HOST PORT\` (Host und Port auch in \`SERVER_HOST\`/\`SERVER_PORT\`) und tippen auf der Standardeingabe:

\`\`\`
grafzahl@sesamstrasse.de          ← Zeile 1: der Absender
ernie@hsg-kl.de                   ← Zeile 2: der Empfänger
Einladung zum Zählen Nr. 471      ← Zeile 3: der Betreff
Hallo Ernie,                      ← ab Zeile 4 bis zum Ende der Eingabe: der Text
…
\`\`\`

## Der Ablauf
Das Beispiel aus RFC 5321 (S = Server, C = Client). **Jede Zeile endet mit \`\\r\\n\`** (CR LF), in beide Richtungen.

\`\`\`
S: 220 foo.com Simple Mail Transfer Service Ready
C: EHLO bar.com
S: 250-foo.com greets bar.com
S: 250-8BITMIME
S: 250 HELP
C: MAIL FROM:<JQP@bar.com>
S: 250 OK
C: RCPT TO:<Jones@XYZ.COM>
S: 250 OK
C: DATA
S: 354 Start mail input; end with <CRLF>.<CRLF>
C: Date: Thu, 21 May 1998 05:33:29 -0700
C: From: <JQP@bar.com>
C: Subject: The Next Meeting of the Board
C: To: <Jones@xyz.com>
C:
C: Bill:
C: The next meeting of the board of directors will be on Tuesday.
C: .
S: 250 OK
C: QUIT
S: 221 foo.com Service closing transmission channel
\`\`\`

## Was Ihr Client tun muss
1. Verbinden und **die Begrüßung lesen** (\`220 …\`), bevor Sie irgendetwas schicken: Bei SMTP spricht der Server zuerst.
2. \`HELO name\` oder \`EHLO name\` schicken (ein beliebiger Name, z. B. \`sesamstrasse.de\`). Die Antwort auf \`EHLO\` hat mehrere Zeilen: \`250-…\` heißt „es folgen weitere Zeilen“, \`250 …\` (Leerzeichen nach dem Code) ist die letzte.
3. \`MAIL FROM:<Absender>\`, dann \`RCPT TO:<Empfänger>\` — die Adressen in **spitzen Klammern**, kein Leerzeichen nach dem Doppelpunkt — dann \`DATA\`. **Warten Sie auf die Antwort auf jeden Befehl**, bevor Sie den nächsten schicken; unser Server bietet kein PIPELINING an.
4. Nach \`354\` die Nachricht schicken: die Kopfzeilen \`From: <Absender>\`, \`To: <Empfänger>\`, \`Subject: Betreff\` und \`Date: …\` (ein echtes Datum: \`email.utils.formatdate(localtime=True)\`), **eine Leerzeile**, dann den Text Zeile für Zeile.
5. **Dot-Stuffing** (RFC 5321 §4.5.2): Eine Textzeile, die mit einem Punkt beginnt, bekommt vorne einen weiteren Punkt (\`...und\` wird als \`....und\` geschickt). Der Server entfernt ihn wieder.
6. Die Nachricht mit einer Zeile beenden, die **nur einen Punkt** enthält: \`\\r\\n.\\r\\n\`. Die \`250\` lesen.
7. \`QUIT\` schicken, die \`221\` lesen, den Socket schließen und mit Exit-Code 0 enden.

Text als UTF-8 schicken (\`string2bytes()\`); unser Server bietet \`8BITMIME\` an, Umlaute dürfen also so, wie sie sind, verschickt werden.

## So testen wir
Unser Server ist ein Test-Mailserver (\`mail.hsg-kl.de\`); er stellt nichts zu, er zeichnet das Gespräch auf. Wie ein viel beschäftigter echter Server begrüßt er nach 100 ms und antwortet auf jeden Befehl nach 25 ms — ein Client, der nicht auf die Antworten wartet, fällt auf. Die Eingabe ändert sich von Lauf zu Lauf; ihr Text enthält immer Umlaute, eine Leerzeile und eine Zeile, die mit einem Punkt beginnt.

| Test | Punkte |
| --- | --- |
| Die Befehle kommen in der richtigen Reihenfolge: \`HELO\`/\`EHLO\`, \`MAIL\`, \`RCPT\`, \`DATA\`, Nachricht (RFC 5321 §4.1.4) | 15 |
| Ihr Client wartet auf die Begrüßung und auf die Antwort auf jeden Befehl | 15 |
| \`MAIL FROM:<…>\` und \`RCPT TO:<…>\` mit den getippten Adressen | 10 |
| Der Kopf hat \`From\`, \`To\`, \`Subject\` (wie getippt) und ein gültiges \`Date\` (RFC 5322 §3.6) — je ein Viertel | 10 |
| Der Text kommt genau so an, wie er getippt wurde, nach einer Leerzeile | 10 |
| Die Nachricht endet mit einer Zeile, die nur einen Punkt enthält | 10 |
| Die Zeile, die mit einem Punkt beginnt, wird „gestufft“ | 10 |
| Am Ende \`QUIT\`; danach endet Ihr Client von selbst mit Exit-Code 0 | 10 |
| Jede Zeile endet mit \`\\r\\n\` | 10 |

Ein einzelnes \`\\n\` am Zeilenende akzeptiert unser Server (wie viele echte) und zieht nur im letzten Test Punkte ab; die anderen Tests werden bewertet, als wären die Zeilenenden richtig.

## Tipps
- Der Client auf den Folien schickt \`HELO\`, bevor er die Begrüßung liest, und beendet Zeilen mit \`\\n\`. Beheben Sie beides.
- Wenn Sie den festen Hostnamen \`mail.hsg-kl.de\` der Folien behalten: Hier führt jeder Hostname zu unserem Server. Der **Port** muss aus \`sys.argv[2]\` kommen.
- \`recv(1024)\` kann einen Teil einer Antwort liefern oder zwei Antworten auf einmal. Sammeln Sie, was ankommt, und lesen Sie Zeile für Zeile:
  \`\`\`python
  puffer = b""

  def antwort_lesen(s):
      """Liest eine Antwort (evtl. mehrere Zeilen) und liefert ihren Code, z. B. 250."""
      global puffer
      while True:
          while b"\\n" not in puffer:
              block = s.recv(1024)
              if not block:
                  raise ConnectionError("der Server hat die Verbindung geschlossen")
              puffer += block
          zeile, puffer = puffer.split(b"\\n", 1)
          zeile = zeile.decode("utf-8", "replace").rstrip("\\r")
          if len(zeile) < 4 or zeile[3] != "-":
              return int(zeile[:3])
  \`\`\`
- Prüfen Sie die Codes: \`2xx\` ist in Ordnung, \`354\` bittet um die Nachricht, \`4xx\`/\`5xx\` ist ein Fehler — geben Sie ihn aus und beenden Sie mit \`sys.exit(1)\`.
- Pythons \`smtplib\` erledigt das alles für Sie und besteht jeden Test; es lohnt sich, sein Gespräch (\`server.set_debuglevel(1)\`) mit Ihrem zu vergleichen. Die Aufgabe ist aber, es mit \`socket\` zu schreiben.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const smtpClientDescription = { en, de };
