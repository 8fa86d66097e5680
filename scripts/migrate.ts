// `npm run db:migrate`: apply committed migrations to DATABASE_URL (or the embedded dev database). Works offline.
import { prepareLocalEnvironment } from "./local-env";

prepareLocalEnvironment("dev", (line) => console.log(line))
  .then((local) => local.stop())
  .catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
