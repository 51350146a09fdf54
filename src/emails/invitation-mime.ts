import { randomBytes } from "node:crypto";
import MimeNode from "nodemailer/lib/mime-node/index.js";
import qp from "nodemailer/lib/qp/index.js";

/** The parts of an e-mail whose link token is still a placeholder (the same for every recipient of a template). */
export interface TMimeTemplateParts {
  from: { name: string; address: string };
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** What differs per recipient. */
export interface TMimeRecipient {
  to: string;
  messageId: string;
  token: string;
  date?: Date;
}

/** Builds the whole message for one recipient, or null when the address needs nodemailer's own handling. */
export type TMimeFill = (r: TMimeRecipient) => Buffer | null;

/** A plain ASCII address nodemailer would write as it is (no display name, no quoting, no IDN). */
const PLAIN_ADDRESS = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9.-]+$/;

/** The lines of `name` (with folded continuation lines) in a header block built by nodemailer. */
function headerLines(block: string, name: string): string | null {
  const lines = block.split("\r\n");
  const start = lines.findIndex((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  if (start < 0) return null;
  let end = start + 1;
  while (end < lines.length && /^[ \t]/.test(lines[end])) end++;
  return lines.slice(start, end).join("\r\n");
}

/**
 * One body part, encoded as nodemailer would choose (7bit, quoted-printable or base64). Quoted-printable is
 * encoded once: the placeholder has the token's length and, like the token, only characters quoted-printable
 * keeps as they are and never breaks a line after, so the soft line breaks fall in the same places for every
 * token; a break that falls inside the placeholder is repeated at the same offset in the token. Base64 is
 * encoded per recipient (natively).
 */
function compilePart(contentType: string, content: string, placeholder: string) {
  const node = new MimeNode(contentType);
  node.setContent(content);
  const encoding = node.getTransferEncoding();
  const head = `Content-Type: ${contentType}; charset=utf-8\r\nContent-Transfer-Encoding: ${encoding}\r\n\r\n`;
  if (encoding === "base64") {
    return (token: string) => {
      const b64 = Buffer.from(content.replaceAll(placeholder, token), "utf8").toString("base64");
      return head + (b64.match(/.{1,76}/g) ?? []).join("\r\n");
    };
  }
  if (encoding === "7bit") return (token: string) => head + content.replaceAll(placeholder, token);
  if (encoding !== "quoted-printable") return null;
  const encoded = qp.wrap(qp.encode(content), 76);
  // The placeholder with a soft line break allowed between any two of its characters.
  const pattern = new RegExp([...placeholder].join("(?:=\\r\\n)?"), "g");
  const pieces: string[] = [];
  const breaks: number[][] = [];
  let last = 0;
  for (const m of encoded.matchAll(pattern)) {
    pieces.push(encoded.slice(last, m.index));
    const at: number[] = [];
    let offset = 0;
    for (const chunk of m[0].split("=\r\n")) {
      offset += chunk.length;
      at.push(offset);
    }
    breaks.push(at.slice(0, -1));
    last = m.index + m[0].length;
  }
  pieces.push(encoded.slice(last));
  if (pieces.length - 1 !== content.split(placeholder).length - 1) return null;
  return (token: string) => {
    let out = head + pieces[0];
    for (let i = 0; i < breaks.length; i++) {
      let from = 0;
      for (const at of breaks[i]) {
        out += `${token.slice(from, at)}=\r\n`;
        from = at;
      }
      out += token.slice(from) + pieces[i + 1];
    }
    return out;
  };
}

/**
 * Compiles an e-mail that only differs per recipient in its address, Message-ID, date and link token into a
 * function that builds each recipient's message directly: the headers and the encoded bodies are prepared
 * once, so a mass mailing skips nodemailer's per-message MIME build (content checks, quoted-printable
 * encoding), which took most of the dispatcher's time. The result is the message nodemailer builds from the
 * same fields (same headers, same encodings, same decoded content). Returns null when some part cannot be
 * prepared this way (the caller then sends through nodemailer as before).
 */
export function compileMime(parts: TMimeTemplateParts, placeholder: string): TMimeFill | null {
  if (!/^[A-Za-z0-9]+$/.test(placeholder)) return null;
  const root = new MimeNode("multipart/alternative");
  root.setHeader("From", parts.from as never);
  root.setHeader("Subject", parts.subject);
  for (const [key, value] of Object.entries(parts.headers)) root.setHeader(key, value);
  const block = root.buildHeaders();
  const fixed: string[] = [];
  for (const key of ["From", "Subject", ...Object.keys(parts.headers)]) {
    const lines = headerLines(block, key);
    if (lines === null) return null;
    fixed.push(lines);
  }
  const own = fixed.slice(2).join("\r\n");
  if (own.split(placeholder).length !== Object.values(parts.headers).join("").split(placeholder).length)
    return null;
  const text = compilePart("text/plain", parts.text, placeholder);
  const html = compilePart("text/html", parts.html, placeholder);
  if (!text || !html) return null;
  const [from, subject] = fixed;
  const boundary = `--_NmP-${randomBytes(8).toString("hex")}-Part_1`;
  return ({ to, messageId, token, date = new Date() }) => {
    if (!PLAIN_ADDRESS.test(to) || !/^<[\x21-\x3b\x3d\x3f-\x7e]+>$/.test(messageId)) return null;
    const message =
      `${from}\r\nTo: ${to}\r\n${subject}\r\nMessage-ID: ${messageId}\r\n${own.replaceAll(placeholder, token)}\r\n` +
      `Date: ${date.toUTCString().replace(/GMT/, "+0000")}\r\nMIME-Version: 1.0\r\n` +
      `Content-Type: multipart/alternative;\r\n boundary="${boundary}"\r\n\r\n` +
      `--${boundary}\r\n${text(token)}\r\n--${boundary}\r\n${html(token)}\r\n--${boundary}--\r\n`;
    return Buffer.from(message, "utf8");
  };
}
