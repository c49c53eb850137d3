// Vite builds the web app (src/web) into dist/web, which the API server serves at / (src/http/web.ts).
// Everything the app needs is bundled from npm: no CDN, no inline script (the server's CSP forbids it).
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here("./src/web"),
  base: "/",
  publicDir: false,
  plugins: [react()],
  logLevel: "warn",
  build: {
    outDir: here("./dist/web"),
    emptyOutDir: true,
    // The map's boundaries are fetched as a JSON asset, never inlined.
    assetsInlineLimit: 0,
    sourcemap: false,
    target: "es2022",
  },
  server: {
    // `npx vite` for development: the API runs beside it (npm start on 8080).
    proxy: { "/api": "http://127.0.0.1:8080" },
  },
});
