import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** The API server the dev server forwards to (`npm run dev:web` next to `./watchkeeper serve`). */
const api = process.env.WATCHKEEPER_API ?? 'http://127.0.0.1:8718';

export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: 'dist',
    target: 'es2022',
    // Source maps stay out of the bundle served to every analyst; `npm run dev:web` has them.
    sourcemap: false,
    // Map pages bring MapLibre/deck.gl in their own lazy chunks; only the shell must stay small.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(['/api', '/match', '/search', '/healthz'].map((p) => [p, api])),
  },
});
