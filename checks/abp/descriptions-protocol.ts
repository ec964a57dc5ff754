/** The packet format, as both exercise sheets state it (English and German). */

export const PROTOCOL_EN = `## The protocol
Every packet is **one UDP datagram** with UTF-8 text. The sequence number is a single bit, \`0\` or \`1\`; the first packet carries \`0\`, and the bit flips with every new packet.

| Packet | Example | Who sends it | Meaning |
| --- | --- | --- | --- |
| Data | \`D0:Hallo Empfänger!\` | sender | \`D\`, the bit, a colon, then the line (the line may contain colons itself) |
| End | \`E1\` | sender, after the last line | end of transmission; it gets the next bit and is acknowledged like data |
| Acknowledgement | \`A0\` | receiver | "I received the packet with bit 0" |

No line breaks inside or after a packet: \`D0:Hallo\` is exactly 8 bytes.

An example: the sender has the lines \`Hallo\` and \`Tschüss\`; the second packet gets lost once.

| Sender | | Receiver | |
| --- | --- | --- | --- |
| \`D0:Hallo\` | → | | prints \`Hallo\`, now expects bit 1 |
| | ← | \`A0\` | |
| \`D1:Tschüss\` | → ✗ | | (lost on the way) |
| (timeout: send again) \`D1:Tschüss\` | → | | prints \`Tschüss\`, now expects bit 0 |
| | ← | \`A1\` | |
| \`E0\` | → | | end |
| | ← | \`A0\` | |
`;

export const PROTOCOL_DE = `## Das Protokoll
Jedes Paket ist **ein UDP-Datagramm** mit UTF-8-Text. Die Sequenznummer ist ein einzelnes Bit, \`0\` oder \`1\`; das erste Paket trägt \`0\`, mit jedem neuen Paket wechselt das Bit.

| Paket | Beispiel | Wer sendet es | Bedeutung |
| --- | --- | --- | --- |
| Daten | \`D0:Hallo Empfänger!\` | Sender | \`D\`, das Bit, ein Doppelpunkt, dann die Zeile (die selbst Doppelpunkte enthalten darf) |
| Ende | \`E1\` | Sender, nach der letzten Zeile | Ende der Übertragung; es bekommt das nächste Bit und wird wie Daten quittiert |
| Quittung | \`A0\` | Empfänger | „Ich habe das Paket mit Bit 0 erhalten“ |

Keine Zeilenumbrüche in oder nach einem Paket: \`D0:Hallo\` ist genau 8 Bytes lang.

Ein Beispiel: Der Sender hat die Zeilen \`Hallo\` und \`Tschüss\`; das zweite Paket geht einmal verloren.

| Sender | | Empfänger | |
| --- | --- | --- | --- |
| \`D0:Hallo\` | → | | gibt \`Hallo\` aus, erwartet jetzt Bit 1 |
| | ← | \`A0\` | |
| \`D1:Tschüss\` | → ✗ | | (unterwegs verloren) |
| (Timeout: noch einmal) \`D1:Tschüss\` | → | | gibt \`Tschüss\` aus, erwartet jetzt Bit 0 |
| | ← | \`A1\` | |
| \`E0\` | → | | Ende |
| | ← | \`A0\` | |
`;
