import { truncateAll } from "../../test/databases";

/** Every spec starts from an empty organisation list, as a fresh install would. */
export function resetDatabase(): Promise<void> {
  return truncateAll(process.env.DATABASE_URL!);
}
