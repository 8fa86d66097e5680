import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Where each layer may reach (README, "Where things live"): app → lib, inngest → lib, components → lib/client and
// schemas. lib never reaches up into app/, components/ or inngest/; pure modules never touch the database or Next.
const upward = [
  { group: ["@/inngest", "@/inngest/*", "**/inngest/*"], message: "lib/ never imports inngest/: drivers plug into lib through its ports." },
  { group: ["@/app/*", "@/components/*"], message: "lib/ never imports app/ or components/." },
];
const impure = [
  {
    group: ["@/lib/db", "@/lib/db/*", "next", "next/*", "@/lib/env", "server-only"],
    message: "A pure module takes its data as arguments.",
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  { ignores: ["lib/generated/**", ".next/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
    },
  },
  { files: ["lib/**"], rules: { "no-restricted-imports": ["error", { patterns: upward }] } },
  // The Inngest driver still lives in lib/jobs; the engine rework moves it under inngest/ and drops this exception.
  {
    files: ["lib/jobs/inngest-driver.ts", "lib/jobs/conformance.db.test.ts", "lib/jobs/wakeups.db.test.ts"],
    rules: { "no-restricted-imports": "off" },
  },
  {
    files: ["lib/schedule/**", "lib/calls/state.ts", "lib/variables/{date,format,map,number,phone,text,format-result,sample-lead}.ts"],
    ignores: ["**/*.db.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...upward, ...impure] }] },
  },
];

export default config;
