// One-time codes from registration letters: 12 characters of ALPHABET shown as XXXX-XXXX-XXXX.
// Same rule as the server (daemon/modules/letters), which stays the authority: input is
// case-insensitive and dashes/spaces are ignored. The alphabet has no 0, 1, I or O (easy to mistake).

export const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
export const LENGTH = 12;

// Upper-case letters and digits only (what the server hashes, before its alphabet check).
export function normalize(input) {
  return String(input || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

// Formats what the user typed as XXXX-XXXX-XXXX: letters and digits only, upper-cased, a dash
// after every 4 characters (only once more follow), cut after 12 characters.
export function mask(raw) {
  const chars = normalize(raw).slice(0, LENGTH);
  return chars.replace(/(.{4})(?=.)/g, '$1-');
}

// validate(input) → {ok, value (12 characters without dashes), code: null | 'letter_code_format'
// (too short) | 'letter_code_chars' (a character the codes never use), complete (12 typed)}.
export function validate(input) {
  const value = normalize(input);
  const complete = value.length >= LENGTH;
  if ([...value].some((c) => !ALPHABET.includes(c))) return { ok: false, value, code: 'letter_code_chars', complete };
  if (value.length !== LENGTH) return { ok: false, value, code: 'letter_code_format', complete };
  return { ok: true, value, code: null, complete };
}

// Applies mask() to an <input> as the user types, keeping the caret after the same character.
// onChange(result of validate) runs after each change. Returns a function that detaches it.
export function attachMask(input, onChange) {
  const handler = () => {
    const before = input.value;
    const caret = input.selectionStart ?? before.length;
    const contentBeforeCaret = normalize(before.slice(0, caret)).length;
    const next = mask(before);
    if (next !== before) {
      input.value = next;
      let pos = 0;
      let seen = 0;
      while (pos < next.length && seen < contentBeforeCaret) {
        if (next[pos] !== '-') seen += 1;
        pos += 1;
      }
      if (document.activeElement === input) input.setSelectionRange(pos, pos);
    }
    if (onChange) onChange(validate(input.value));
  };
  input.addEventListener('input', handler);
  return () => input.removeEventListener('input', handler);
}
