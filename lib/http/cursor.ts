import { ApiError } from "@/lib/http/errors";

/** Keyset pagination over (createdAt desc, id desc): the cursor is the last row's position, opaque to callers. */
export function encodeCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString("base64url");
}

export function decodeCursor(cursor: string): { createdAt: Date; id: string } {
  const [iso, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const createdAt = new Date(iso ?? "");
  if (!id || Number.isNaN(createdAt.getTime())) {
    throw new ApiError(
      400,
      "invalid_cursor",
      "The cursor is not one this API gave out; pass next_cursor from the previous page unchanged.",
      [{ field: "cursor", message: "Unknown cursor." }],
    );
  }
  return { createdAt, id };
}

/** The Prisma condition for rows after the cursor in newest-first order. */
export function afterCursor(cursor: string | undefined) {
  if (!cursor) return {};
  const { createdAt, id } = decodeCursor(cursor);
  return { OR: [{ createdAt: { lt: createdAt } }, { createdAt, id: { lt: id } }] };
}
