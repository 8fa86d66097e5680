// `npm run bench -- <name> [options]`: runs one benchmark from bench/ and prints its figures.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const [name, ...rest] = process.argv.slice(2);
if (!name || !existsSync(`bench/${name}.ts`)) {
  console.error("Usage: npm run bench -- <call-rush|webhook-ingest|history> [options]");
  process.exit(1);
}
const result = spawnSync(process.execPath, ["node_modules/tsx/dist/cli.mjs", "--conditions=react-server", `bench/${name}.ts`, ...rest], {
  stdio: "inherit",
});
process.exit(result.status ?? 1);
