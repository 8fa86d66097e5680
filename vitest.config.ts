import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL(".", import.meta.url));

export default defineConfig({
  // `server-only` guards Next's client bundles; tests run server code directly.
  resolve: { alias: { "@": root, "server-only": `${root}test/server-only-stub.ts` } },
  test: {
    projects: [
      {
        extends: true,
        test: { name: "unit", include: ["lib/**/*.test.ts", "inngest/**/*.test.ts", "scripts/**/*.test.ts"], exclude: ["**/*.db.test.ts"] },
      },
      {
        extends: true,
        test: {
          name: "db",
          include: ["lib/**/*.db.test.ts", "inngest/**/*.db.test.ts", "prisma/**/*.db.test.ts"],
          globalSetup: ["./test/global-db.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
