// `npm run admin -- <command>`: headless setup and scripting. Run with --help for the commands.
import { parseArgs } from "node:util";
import { prepareLocalEnvironment } from "./local-env";

const HELP = `Usage: npm run admin -- <command> [options] [--json]

Commands:
  setup           Create the first organisation and its admin (refused once Leadline is set up)
                  --org NAME --timezone ZONE --country-code +91 --name NAME --email EMAIL --password PASSWORD
  create-org      Create another organisation with its admin (same options as setup)
  create-user     Add a person to an organisation
                  --org ORG_ID --name NAME --email EMAIL --password PASSWORD [--role admin|member]
  create-api-key  Create an API key and print it once
                  --org ORG_ID --name NAME
  list-orgs       List organisations

The password may come from LEADLINE_ADMIN_PASSWORD instead of --password (keeps it out of shell history).`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    json: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
    org: { type: "string" },
    timezone: { type: "string" },
    "country-code": { type: "string" },
    name: { type: "string" },
    email: { type: "string" },
    password: { type: "string" },
    role: { type: "string", default: "member" },
  },
});

function print(result: unknown, text: string) {
  console.log(values.json ? JSON.stringify(result, null, 2) : text);
}

async function run(command: string | undefined) {
  const password = values.password ?? process.env.LEADLINE_ADMIN_PASSWORD;
  const orgs = await import("../lib/orgs/queries");
  const schemas = await import("../lib/orgs/schema");
  switch (command) {
    case "setup":
    case "create-org": {
      const input = schemas.setupSchema.parse({
        organizationName: values.org,
        timezone: values.timezone,
        countryCode: values["country-code"],
        name: values.name,
        email: values.email,
        password,
      });
      const { organization, user } = await orgs.createOrganizationWithAdmin(input, { firstRun: command === "setup" });
      return print(
        { organization, admin: { id: user.id, email: user.email } },
        `Created organisation ${organization.name} (${organization.id}) with admin ${user.email}`,
      );
    }
    case "create-user": {
      const member = await orgs.createMember(
        requireOrg(),
        schemas.createMemberSchema.parse({ name: values.name, email: values.email, password, role: values.role }),
      );
      return print({ user: member }, `Created ${member.role} ${member.email} (${member.id})`);
    }
    case "create-api-key": {
      const { createApiKey } = await import("../lib/api-keys/queries");
      const { createApiKeySchema } = await import("../lib/api-keys/schema");
      const created = await createApiKey({ orgId: requireOrg(), name: createApiKeySchema.parse({ name: values.name }).name });
      return print(created, `API key "${created.apiKey.name}" (shown once, store it now):\n${created.key}`);
    }
    case "list-orgs": {
      const list = await orgs.listOrganizations();
      return print(
        { organizations: list },
        list.map((o) => `${o.id}  ${o.name}  ${o.timezone}  +${o.defaultCountryCode}  ${o._count.users} users`).join("\n") ||
          "No organisations yet.",
      );
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : "Name a command.");
  }
}

class UsageError extends Error {}

function requireOrg(): string {
  if (!values.org) throw new UsageError("Give the organisation id with --org (see list-orgs).");
  return values.org;
}

async function main() {
  if (values.help) return console.log(HELP);
  const local = await prepareLocalEnvironment("dev", () => {});
  Object.assign(process.env, local.env);
  try {
    await run(positionals[0]);
  } finally {
    const { db } = await import("../lib/db");
    await db.$disconnect();
    await local.stop();
  }
}

main().catch(async (err: unknown) => {
  const { describeCliError } = await import("./cli-errors");
  const message = err instanceof UsageError ? `${err.message}\n\n${HELP}` : describeCliError(err);
  if (values.json) console.log(JSON.stringify({ error: { message } }));
  else console.error(message);
  process.exit(1);
});
