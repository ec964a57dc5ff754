/** Exercise sheet for the chat server, English and German. */

const en = `# Chat server (class protocol)

Write a **TCP chat server** in Python (\`server.py\`) for the protocol our class agreed on ("Chatprogramm – Das Protokoll"). Several chat clients connect at the same time; whatever one of them writes, the server passes on to all the others.

## The protocol
**Every message ends with \`\\0\`** (the zero byte) — in both directions. TCP does not keep message boundaries, so \`\\0\` is the only way to tell where a message ends.

| Client → server | Server → client | Meaning |
| --- | --- | --- |
| \`/login NAME\\0\` | \`/ok NAME1\\nNAME2\\n…\\0\` or \`/error\\0\` | log in; \`/ok\` lists everyone logged in now, the new user included |
| \`/logout\\0\` | \`/ok\\0\` or \`/error\\0\` | log out (\`/error\`: not logged in) |
| \`/users\\0\` | \`/users NAME1\\nNAME2\\n…\\0\` | who is logged in |
| \`text\\0\` | to every **other** participant: \`NAME:text\\0\` | a chat message from the logged-in user NAME |

- Names consist only of \`a–z\`, \`A–Z\`, \`0–9\`, \`_\` and \`-\` (at least one character) and are unique: a name in use, or one with other characters (a space, an umlaut, a colon…), gets \`/error\`.
- The names in \`/ok\` and \`/users\` are separated by \`\\n\`; their order is up to you. A \`\\n\` after the last name is fine.
- The slide shows a space in front of the messages (\`' /login Aliasname\\0'\`). That space is only typesetting: messages start with \`/\`. We send without it; a single space in front of your replies is tolerated.

## Decisions the slide leaves open (this is how we grade)
- **Your own message**: whether the sender also gets its \`NAME:text\` back is up to you; both are accepted.
- **Text before \`/login\`**: answer \`/error\\0\` (recommended) or ignore it — but never distribute it. The connection must stay usable: the client may log in afterwards.
- **After \`/logout\`** you may keep the connection open or close it. The name is free again at once.
- **A client that disconnects without \`/logout\`** (\`recv()\` returns \`b''\` or raises \`ConnectionResetError\`): remove it like a logout; its name is free again, and the others keep chatting.

## What your server has to do
1. Create a TCP socket, bind it (e.g. to \`(socket.gethostbyname(socket.gethostname()), 0)\`) and call \`listen()\`. We find your port automatically.
2. Serve **all clients at the same time**: one thread per client (\`threading.Thread\`), or one loop with \`select()\`.
3. Per connection, keep a **buffer**: add what \`recv()\` returns, cut off every complete message at \`\\0\`, handle it, keep the rest for later.
4. Keep the logged-in users (e.g. a dict name → socket), protected by a \`threading.Lock\` if you use threads.

## How we test it
Our reference clients connect to your server — several at a time — and check every reply byte by byte. Each test uses names of its own.

| Test | Points |
| --- | --- |
| Logging in: two clients, each \`/ok\` lists everybody logged in | 10 |
| Invalid names (\`Anna Lena\`, \`Jörg\`, an empty name, \`Max:Muster\`) get \`/error\`; then a valid one works | 5 |
| A name in use gets \`/error\`; the first owner keeps it | 10 |
| \`/users\` lists everyone logged in | 10 |
| A message reaches every other participant, under the right name, once (also with umlauts, € and a colon) | 15 |
| \`/logout\` gets \`/ok\`, the name leaves the list and can log in again | 10 |
| Text before \`/login\` reaches nobody | 5 |
| Two messages in **one** TCP segment (\`/login Paula\\0/users\\0\`) get two replies | 10 |
| **One** message in several pieces (\`/log\`, \`in R\`, \`osa\\0\`) gets exactly one reply | 10 |
| A client disconnects without \`/logout\`: the others keep chatting, its name is free | 5 |
| Ten clients chat at the same time: nothing lost, nothing under a wrong name | 10 |

Each reply may take at most 2 seconds.

## Tips
- One \`recv()\` is **not** one message: it can return two messages, or half of one. The two segment tests check exactly this.
- Sending to a client that has gone raises \`BrokenPipeError\` (or \`ConnectionResetError\`): catch it, so that one dead client does not stop the others.
- Keep each client's name with its connection (a local variable in its thread), not in one global variable.
- Our sandbox allows 64 processes and threads in all: one thread per client is fine, but let a thread end (and close its socket) when its client is gone.
- Only the Python standard library is available. If you use \`kodierung\`, copy its two functions into your file.
`;

const de = `# Chat-Server (Klassenprotokoll)

Schreiben Sie einen **TCP-Chat-Server** in Python (\`server.py\`) für das Protokoll, auf das sich unser Kurs geeinigt hat („Chatprogramm – Das Protokoll“). Mehrere Chat-Clients sind gleichzeitig verbunden; was einer schreibt, gibt der Server an alle anderen weiter.

## Das Protokoll
**Jede Nachricht endet mit \`\\0\`** (dem Null-Byte) — in beide Richtungen. TCP bewahrt keine Nachrichtengrenzen; nur am \`\\0\` erkennt man, wo eine Nachricht endet.

| Client → Server | Server → Client | Bedeutung |
| --- | --- | --- |
| \`/login NAME\\0\` | \`/ok NAME1\\nNAME2\\n…\\0\` oder \`/error\\0\` | Anmeldung; \`/ok\` nennt alle jetzt Angemeldeten, den neuen eingeschlossen |
| \`/logout\\0\` | \`/ok\\0\` oder \`/error\\0\` | Abmeldung (\`/error\`: nicht angemeldet) |
| \`/users\\0\` | \`/users NAME1\\nNAME2\\n…\\0\` | wer angemeldet ist |
| \`Text\\0\` | an alle **anderen** Teilnehmer: \`NAME:Text\\0\` | eine Chat-Nachricht des angemeldeten Benutzers NAME |

- Namen bestehen nur aus \`a–z\`, \`A–Z\`, \`0–9\`, \`_\` und \`-\` (mindestens ein Zeichen) und sind eindeutig: Ein vergebener Name oder einer mit anderen Zeichen (Leerzeichen, Umlaut, Doppelpunkt …) bekommt \`/error\`.
- Die Namen in \`/ok\` und \`/users\` sind durch \`\\n\` getrennt; die Reihenfolge ist egal. Ein \`\\n\` nach dem letzten Namen ist in Ordnung.
- Auf der Folie steht vor den Nachrichten ein Leerzeichen (\`' /login Aliasname\\0'\`). Das ist nur Satz: Nachrichten beginnen mit \`/\`. Wir senden ohne Leerzeichen; ein einzelnes Leerzeichen vor Ihren Antworten wird toleriert.

## Was die Folie offenlässt (so bewerten wir)
- **Die eigene Nachricht**: Ob der Absender sein \`NAME:Text\` auch zurückbekommt, entscheiden Sie; beides wird akzeptiert.
- **Text vor \`/login\`**: mit \`/error\\0\` beantworten (empfohlen) oder ignorieren — aber nie verteilen. Die Verbindung muss benutzbar bleiben: Der Client darf sich danach anmelden.
- **Nach \`/logout\`** dürfen Sie die Verbindung offen lassen oder schließen. Der Name ist sofort wieder frei.
- **Ein Client, der ohne \`/logout\` die Verbindung trennt** (\`recv()\` liefert \`b''\` oder wirft \`ConnectionResetError\`): wie eine Abmeldung behandeln; sein Name ist wieder frei, und die anderen chatten weiter.

## Was Ihr Server tun muss
1. Einen TCP-Socket erzeugen, binden (z. B. an \`(socket.gethostbyname(socket.gethostname()), 0)\`) und \`listen()\` aufrufen. Wir finden Ihren Port automatisch.
2. **Alle Clients gleichzeitig** bedienen: ein Thread pro Client (\`threading.Thread\`) oder eine Schleife mit \`select()\`.
3. Pro Verbindung einen **Puffer** führen: anhängen, was \`recv()\` liefert, jede vollständige Nachricht am \`\\0\` abschneiden und bearbeiten, den Rest für später aufheben.
4. Die angemeldeten Benutzer speichern (z. B. ein Dictionary Name → Socket), bei Threads mit einem \`threading.Lock\` geschützt.

## So testen wir
Unsere Referenz-Clients verbinden sich mit Ihrem Server — mehrere gleichzeitig — und prüfen jede Antwort Byte für Byte. Jeder Test verwendet eigene Namen.

| Test | Punkte |
| --- | --- |
| Anmeldung: zwei Clients, jedes \`/ok\` nennt alle Angemeldeten | 10 |
| Ungültige Namen (\`Anna Lena\`, \`Jörg\`, ein leerer Name, \`Max:Muster\`) bekommen \`/error\`; danach klappt ein gültiger | 5 |
| Ein vergebener Name bekommt \`/error\`; der erste behält ihn | 10 |
| \`/users\` nennt alle Angemeldeten | 10 |
| Eine Nachricht erreicht jeden anderen Teilnehmer, unter dem richtigen Namen, genau einmal (auch mit Umlauten, € und Doppelpunkt) | 15 |
| \`/logout\` bekommt \`/ok\`, der Name verschwindet aus der Liste und kann sich wieder anmelden | 10 |
| Text vor \`/login\` erreicht niemanden | 5 |
| Zwei Nachrichten in **einem** TCP-Segment (\`/login Paula\\0/users\\0\`) bekommen zwei Antworten | 10 |
| **Eine** Nachricht in mehreren Stücken (\`/log\`, \`in R\`, \`osa\\0\`) bekommt genau eine Antwort | 10 |
| Ein Client trennt die Verbindung ohne \`/logout\`: die anderen chatten weiter, sein Name ist frei | 5 |
| Zehn Clients chatten gleichzeitig: nichts geht verloren, nichts steht unter falschem Namen | 10 |

Jede Antwort darf höchstens 2 Sekunden dauern.

## Tipps
- Ein \`recv()\` ist **nicht** eine Nachricht: Es kann zwei Nachrichten liefern oder eine halbe. Genau das prüfen die beiden Segment-Tests.
- Senden an einen Client, der weg ist, wirft \`BrokenPipeError\` (oder \`ConnectionResetError\`): Fangen Sie das ab, damit ein toter Client die anderen nicht aufhält.
- Speichern Sie den Namen eines Clients bei seiner Verbindung (eine lokale Variable in seinem Thread), nicht in einer globalen Variable.
- Unsere Testumgebung erlaubt insgesamt 64 Prozesse und Threads: Ein Thread pro Client ist in Ordnung, aber beenden Sie einen Thread (und schließen Sie seinen Socket), wenn sein Client weg ist.
- Es steht nur die Python-Standardbibliothek zur Verfügung. Wenn Sie \`kodierung\` verwenden, kopieren Sie die beiden Funktionen in Ihre Datei.
`;

export const chatServerDescription = { en, de };
