/**
 * JSON text with every non-ASCII character written as a `\uXXXX` escape: the same JSON value, in ASCII only. Push
 * bodies are sent this way because the server (Node) turns an ASCII body into a one-byte string and parses it much
 * faster than UTF-8 with Vietnamese in it, and the strings it keeps stay one-byte where they can (D-I7). gzip takes
 * back nearly all of the longer text (+0.1 % on the wire for the bench's visits).
 * A character outside the BMP is already two UTF-16 units: each is escaped, which JSON reads back as the same pair.
 * JSON.stringify escapes lone surrogates itself, so what remains here always pairs up.
 */
const NON_ASCII = /[\u0080-\uffff]/g;
const escape = (ch: string) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`;

export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(NON_ASCII, escape);
}
