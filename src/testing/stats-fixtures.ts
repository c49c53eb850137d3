// Where the statistics test fixtures live (copies of the real files; see their CREDITS.md).
import { resolve } from "node:path";

export const FIXTURES = resolve(import.meta.dirname, "../../test/fixtures/stats");
