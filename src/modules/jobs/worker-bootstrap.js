// The first module of a job's worker thread. A Worker does not inherit the tsx loader that
// bin/rapporteur.js (or Vitest) gave the main thread, so this plain-JavaScript file registers it
// and then loads the TypeScript worker (worker-main.ts).
import { register } from "tsx/esm/api";

register();
await import("./worker-main.ts");
