// Reads the .eml files the SMTP sink (tests/support/smtp_sink.py) writes into $MAIL_DIR.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const c = soft[i];
    if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(c, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

// RFC 2047 encoded words in a header value (=?UTF-8?B?...?= and =?UTF-8?Q?...?=).
function decodeHeader(value) {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, _charset, enc, data) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}

function parseHeaders(block) {
  const headers = {};
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m) headers[m[1].toLowerCase()] = decodeHeader(m[2]);
  }
  return headers;
}

function decodeBody(headers, body) {
  const enc = (headers['content-transfer-encoding'] || '').toLowerCase();
  if (enc === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (enc === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}

// Parses one message: {headers, subject, to, text} with text = every text/* part decoded and joined.
export function parseEml(raw) {
  const split = raw.search(/\r?\n\r?\n/);
  const headers = parseHeaders(raw.slice(0, split));
  const body = raw.slice(split).replace(/^\r?\n\r?\n/, '');
  const texts = [];
  const walk = (hdrs, content) => {
    const type = hdrs['content-type'] || 'text/plain';
    const boundary = /boundary="?([^";]+)"?/i.exec(type);
    if (/^multipart\//i.test(type) && boundary) {
      for (const part of content.split('--' + boundary[1]).slice(1)) {
        if (part.startsWith('--')) break;
        const p = part.replace(/^\r?\n/, '');
        const cut = p.search(/\r?\n\r?\n/);
        walk(parseHeaders(p.slice(0, cut)), p.slice(cut).replace(/^\r?\n\r?\n/, ''));
      }
    } else if (/^text\//i.test(type)) {
      texts.push(decodeBody(hdrs, content));
    }
  };
  walk(headers, body);
  return { headers, subject: headers.subject || '', to: headers.to || '', text: texts.join('\n') };
}

// Waits until a message to `recipient` (optionally matching `predicate`) arrives; returns it parsed.
export async function waitForMail(recipient, { predicate = () => true, timeoutMs = 20000 } = {}) {
  const dir = process.env.MAIL_DIR;
  if (!dir) throw new Error('MAIL_DIR is not set (run through tests/e2e/run.sh)');
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const names = (await readdir(dir)).filter((n) => n.endsWith('.eml')).sort();
    for (const name of names) {
      const msg = parseEml(await readFile(path.join(dir, name), 'utf8'));
      if (msg.to.toLowerCase().includes(recipient.toLowerCase()) && predicate(msg)) return msg;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${recipient} within ${timeoutMs} ms`);
}
