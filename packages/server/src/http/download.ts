/**
 * File names that are safe to store, show and send back (issue 9 C7). A name a user gave is only a
 * label: it keeps its last path segment, loses every control and format character (bidirectional
 * overrides such as U+202E that make "exe.png" read "gnp.exe", zero-width characters, line breaks)
 * lone surrogates and the characters Windows refuses, and its extension is the one of the type its bytes were found
 * to be — never the one it claimed.
 */
const MAX_NAME = 100;

export function safeFileName(given: string, extension: string, fallback = '文件'): string {
  const last = given.split(/[\\/]/).pop() ?? '';
  const cleaned = last
    .replace(/[\p{Cc}\p{Cf}\p{Cs}\u2028\u2029]/gu, '')
    .replace(/["<>|:*?]/g, '_')
    .trim();
  // The name without what it claimed to be: "poly.html" → "poly"; dots and spaces at the ends go.
  const dot = cleaned.lastIndexOf('.');
  const stem = (dot > 0 ? cleaned.slice(0, dot) : cleaned).replace(/^[.\s]+|[.\s]+$/g, '');
  const room = MAX_NAME - extension.length - 1;
  return `${[...(stem || fallback)].slice(0, room).join('')}.${extension}`;
}

/** RFC 5987: every byte but the few `attr-char`s percent-encoded (`'`, `(`, `)`, `*` included). */
const rfc5987 = (value: string) =>
  encodeURIComponent(value).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/**
 * A `Content-Disposition` that downloads and names the file the same in every browser: a plain
 * ASCII `filename` for old ones, the exact name as `filename*` for the rest. Nothing of the name can
 * end the header or add a parameter.
 */
export function attachmentHeader(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%;]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${rfc5987(name)}`;
}
