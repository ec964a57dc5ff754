/**
 * The page our mock web server serves: an HTML page in ISO-8859-1 (like the course's
 * `www.hsg-kl.de`), with umlauts, a per-run token near the top and another near the end,
 * and enough paragraphs (about 6 KB) that one `recv()` cannot hold it all. The checks
 * look for each paragraph's text in what the client printed.
 */
import { createHash } from 'node:crypto';

export interface HttpPage {
  /** The path it is served at. */
  path: string;
  /** The page's text paragraphs in order (what a reader sees), umlaut paragraph and tokens included. */
  paragraphs: string[];
  /** The per-run token in the first paragraph. */
  token: string;
  /** The paragraph with the umlauts. */
  umlauts: string;
  /** The last paragraph: it arrives only with the last piece of the body. */
  closing: string;
  /** The HTML as ISO-8859-1 bytes. */
  body: Buffer;
}

const WORDS = ['Kastanie', 'Zitronenfalter', 'Pusteblume', 'Sonnenuhr', 'Leuchtturm', 'Wasserrad', 'Hagebutte', 'Glockenblume'];
const SHOWS = ['ein Schattentheater', 'selbst gebaute Roboter', 'ein Quiz über Netzwerke', 'Experimente mit Trockeneis', 'eine Modenschau aus Altpapier', 'Lieder aus aller Welt'];

export const UMLAUT_PARAGRAPH = 'Grüße aus Kaiserslautern! Übermorgen gibt es Äpfel, Öl und süße Brötchen im Schulhof.';

export function pageFor(seed: string, path = '/'): HttpPage {
  const hash = createHash('sha256').update(`${seed}:http-page`).digest();
  const word = (offset: number): string => `${WORDS[hash.readUInt32BE(offset) % WORDS.length] as string}-${1000 + (hash.readUInt32BE(offset + 4) % 9000)}`;
  const token = word(0);
  const closing = `Ende der Seite. Schlusswort: ${word(8)}`;
  const program = Array.from({ length: 36 }, (_, i) => {
    const n = i + 1;
    const time = `${9 + (n % 8)}:${String((n * 5) % 60).padStart(2, '0')}`;
    return `Programmpunkt ${n}: Die Klasse ${5 + (n % 9)}${'abcd'[n % 4]} zeigt ${SHOWS[n % SHOWS.length]} in Raum ${100 + n * 7}, Beginn um ${time} Uhr. Eintritt frei, Spenden für die Schülervertretung sind willkommen.`;
  });
  const paragraphs = [`Tageslosung: ${token}`, UMLAUT_PARAGRAPH, ...program, closing];
  const html = [
    '<!DOCTYPE html>',
    '<html lang="de">',
    '<head>',
    '<meta charset="iso-8859-1">',
    '<title>Sommerfest der HSG</title>',
    '</head>',
    '<body>',
    '<h1>Sommerfest der HSG</h1>',
    ...paragraphs.map((p) => `<p>${p}</p>`),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return { path, paragraphs, token, umlauts: UMLAUT_PARAGRAPH, closing, body: Buffer.from(html, 'latin1') };
}
