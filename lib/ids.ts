import { randomFillSync } from "node:crypto";

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

// Random bytes drawn 4 KiB at a time: one system call per hundred ids instead of one each.
const pool = Buffer.alloc(4096);
let used = pool.length;

function randomByte(): number {
  if (used === pool.length) {
    randomFillSync(pool);
    used = 0;
  }
  return pool[used++]!;
}

/** Random base-36 text; 256 % 36 bias is removed by rejecting bytes ≥ 252. */
export function randomToken(length: number): string {
  let out = "";
  while (out.length < length) {
    const byte = randomByte();
    if (byte < 252) out += ALPHABET[byte % 36];
  }
  return out;
}

/** Public ids carry their kind (`agt_…`, `call_…`) so a pasted id says what it is. */
export function newId(
  prefix: "org" | "usr" | "key" | "agt" | "var" | "call" | "att" | "dlv" | "lead" | "int" | "whk" | "cw" | "lsc" | "lsj" | "lsn" | "mail",
): string {
  return `${prefix}_${randomToken(20)}`;
}
