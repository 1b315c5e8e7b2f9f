import path from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));

/**
 * The web app: built from `web/` into `dist/web`, which the server serves. Heavy libraries and
 * each module's pages load only when a page needs them, so the first load stays small on slow
 * connections.
 */
export default defineConfig({
  root: path.join(root, 'web'),
  publicDir: false,
  plugins: [react()],
  css: { postcss: root },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir: path.join(root, 'dist/web'),
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            { name: 'maplibre', test: /node_modules[\\/]maplibre-gl[\\/]/, priority: 3 },
          ],
        },
      },
    },
  },
});
