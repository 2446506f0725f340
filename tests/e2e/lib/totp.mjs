// RFC 6238 TOTP (HMAC-SHA1, 30-second steps, 6 digits) over a base32 secret, as authenticator apps compute it.
import { createHmac } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

// Decodes RFC 4648 base32 (case-insensitive, padding and spaces ignored).
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=]/g, '');
  const out = [];
  let bits = 0;
  let value = 0;
  for (const ch of clean) {
    const idx = ALPHABET.indexOf(ch);
    if (idx < 0) throw new Error(`not base32: ${ch}`);
    value = (value << 5) | idx;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

// The code for `secret` at unix time `atSeconds` (RFC 4226 dynamic truncation).
export function totp(secret, atSeconds = Date.now() / 1000, step = 30, digits = 6) {
  const counter = Math.floor(atSeconds / step);
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(counter));
  const mac = createHmac('sha1', base32Decode(secret)).update(msg).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const bin = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(bin % 10 ** digits).padStart(digits, '0');
}

// A code that stays valid for at least `margin` seconds (waits past a step boundary if needed).
export async function freshTotp(secret, margin = 5) {
  const left = 30 - ((Date.now() / 1000) % 30);
  if (left < margin) await new Promise((r) => setTimeout(r, (left + 0.5) * 1000));
  return totp(secret);
}
