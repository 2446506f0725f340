// Land register (księga wieczysta, KW) numbers: CCCC/NNNNNNNN/D.
// Same rule as the server (daemon/core/kw.cpp), which stays the authority:
// court code = 2 letters, 1 digit, 1 letter; number = 8 digits; check digit = Σ value(c)·w mod 10
// over the 12 characters of code + number, weights 1,3,7 repeated; value: digits 0–9, X = 10,
// other letters A..Z without Q and V (and X) → 11..33.

const LETTERS = 'ABCDEFGHIJKLMNOPRSTUWYZ'; // A=11 … Z=33
const WEIGHTS = [1, 3, 7];
const FORMAT = /^[A-Z]{2}[0-9][A-Z]\/[0-9]{8}\/[0-9]$/;

function charValue(c) {
  if (c >= '0' && c <= '9') return c.charCodeAt(0) - 48;
  if (c === 'X') return 10;
  const i = LETTERS.indexOf(c);
  return i < 0 ? -1 : 11 + i;
}

// Check digit of 12 characters (court code + 8-digit number), or -1 if a character is not allowed.
export function checkDigit(twelve) {
  if (typeof twelve !== 'string' || twelve.length !== 12) return -1;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) {
    const v = charValue(twelve[i]);
    if (v < 0) return -1;
    sum += v * WEIGHTS[i % 3];
  }
  return sum % 10;
}

// Upper-case, whitespace removed (like the server's Normalize before its format check).
export function normalize(input) {
  return String(input || '').replace(/\s+/g, '').toUpperCase();
}

// validate(input) → {ok, value (normalised), code: null | 'kw_format_invalid' | 'kw_checksum_invalid',
// complete (the user has typed all 15 characters)}.
export function validate(input) {
  const value = normalize(input);
  const complete = value.length >= 15;
  if (!FORMAT.test(value)) return { ok: false, value, code: 'kw_format_invalid', complete };
  const digit = checkDigit(value.slice(0, 4) + value.slice(5, 13));
  if (digit < 0) return { ok: false, value, code: 'kw_format_invalid', complete };
  if (digit !== Number(value[14])) return { ok: false, value, code: 'kw_checksum_invalid', complete };
  return { ok: true, value, code: null, complete };
}

// Builds a valid number from a court code and a number (tests, demo data).
export function make(courtCode, number) {
  const digits = String(number % 100000000).padStart(8, '0');
  const d = checkDigit(courtCode + digits);
  return `${courtCode}/${digits}/${d < 0 ? 0 : d}`;
}

// Formats what the user typed as XXXX/XXXXXXXX/X: keeps letters and digits only, upper-cases,
// inserts the slashes, cuts after 13 characters of content.
export function mask(raw) {
  const chars = String(raw || '').toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 13);
  let out = chars.slice(0, 4);
  if (chars.length > 4) out += `/${chars.slice(4, 12)}`;
  if (chars.length > 12) out += `/${chars.slice(12)}`;
  return out;
}

// Applies mask() to an <input> as the user types, keeping the caret after the same character.
// onChange(result of validate) runs after each change. Returns a function that detaches it.
export function attachMask(input, onChange) {
  const handler = (e) => {
    const before = input.value;
    const caret = input.selectionStart ?? before.length;
    const contentBeforeCaret = before.slice(0, caret).replace(/[^A-Za-z0-9]/g, '').length;
    let next = mask(before);
    // Typing "/" after a complete group is harmless; deleting a slash must not re-add it at once.
    if (e && e.inputType === 'deleteContentBackward' && before.endsWith('/')) next = next.replace(/\/$/, '');
    if (next !== before) {
      input.value = next;
      let pos = 0;
      let seen = 0;
      while (pos < next.length && seen < contentBeforeCaret) {
        if (next[pos] !== '/') seen += 1;
        pos += 1;
      }
      if (document.activeElement === input) input.setSelectionRange(pos, pos);
    }
    if (onChange) onChange(validate(input.value));
  };
  input.addEventListener('input', handler);
  return () => input.removeEventListener('input', handler);
}
