import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Where each layer may reach (README, "Where things live"): app → lib, inngest → lib, components → lib/client and
// schemas. lib never reaches up into app/, components/ or inngest/; pure modules never touch the database or Next.
const pages = [{ group: ["@/app/*", "@/components/*"], message: "Only app/ and components/ import app/ or components/." }];
const upward = [
  { group: ["@/inngest", "@/inngest/*", "**/inngest/*"], message: "lib/ never imports inngest/: drivers plug into lib through its ports." },
  ...pages,
];
// The Inngest driver plugs into lib/calls as the embedded one does, never through it (its suites run both).
const otherDriver = [
  { group: ["@/lib/jobs", "@/lib/jobs/*"], message: "inngest/ never imports lib/jobs: each driver plugs into lib/calls." },
];
// lib/calls reaches neither its drivers nor the webhook that feeds it (the webhook may import lib/calls).
const engineDown = [
  { group: ["@/lib/jobs", "@/lib/jobs/*"], message: "lib/calls never imports lib/jobs: drivers register through lib/calls/driver.ts." },
  { group: ["@/lib/webhook", "@/lib/webhook/*"], message: "lib/calls never imports lib/webhook: the CRM side comes in as StepDeps." },
];
// A driver only wakes steps: it never writes call rows itself.
const driverSide = [
  {
    group: ["@/lib/calls/writes", "@/lib/calls/state"],
    message: "Drivers only wake tasks (advanceTasks); writes and states belong to lib/calls.",
  },
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
  // The call engine owns a call's life; drivers (lib/jobs, inngest/) and the webhook plug into it, never the reverse.
  {
    files: ["lib/calls/**"],
    ignores: ["**/*.db.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...upward, ...engineDown] }] },
  },
  {
    files: ["lib/jobs/**"],
    ignores: ["**/*.db.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...upward, ...driverSide] }] },
  },
  { files: ["inngest/**"], rules: { "no-restricted-imports": ["error", { patterns: pages }] } },
  {
    files: ["inngest/**"],
    ignores: ["**/*.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...pages, ...otherDriver] }] },
  },
  {
    files: [
      "lib/schedule/**",
      "lib/calls/state.ts",
      "lib/calls/lead-name.ts",
      "lib/variables/{date,format,map,number,phone,text,format-result,sample-lead}.ts",
    ],
    ignores: ["**/*.db.test.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...upward, ...impure] }] },
  },
];

export default config;
