import { randomBytes } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/** Random base-36 text; 256 % 36 bias is removed by rejecting bytes ≥ 252. */
export function randomToken(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      if (byte < 252 && out.length < length) out += ALPHABET[byte % 36];
    }
  }
  return out;
}

/** Public ids carry their kind (`agt_…`, `call_…`) so a pasted id says what it is. */
export function newId(prefix: "org" | "usr" | "key" | "agt" | "var" | "call" | "att" | "dlv" | "lead" | "int"): string {
  return `${prefix}_${randomToken(20)}`;
}
