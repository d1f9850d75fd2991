// The one check on an API path before the worker forwards it (worker.js).

/**
 * Why a path may not be forwarded, or null. The URL parser has already
 * resolved `.`, `..` and their %2e spellings; what is left that an upstream
 * could still read as a step out of the API is an encoded slash, backslash
 * or dot segment, or a control character.
 */
export function unsafePath(path) {
  for (const segment of path.split('/')) {
    let plain;
    try {
      plain = decodeURIComponent(segment);
    } catch {
      return 'it is not valid percent-encoding';
    }
    if (plain === '.' || plain === '..') return 'it has a dot segment';
    if (/[/\\]/.test(plain)) return 'it has an encoded slash or backslash';
    if (/[\u0000-\u001f\u007f]/.test(plain)) return 'it has a control character';
  }
  return null;
}
