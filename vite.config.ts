import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const root = path.dirname(fileURLToPath(import.meta.url));
const outDir = path.join(root, 'dist/web');

const COMPRESSIBLE = /\.(?:html|js|mjs|css|json|svg|txt|woff)$/;
const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Writes a brotli (`.br`) and a gzip (`.gz`) copy beside every text file of the build, once, at
 * the highest levels: the server sends them in place of the file to browsers that accept them,
 * with no compression work per request. A copy that saves little is not written.
 */
function precompress(): Plugin {
  return {
    name: 'hamsafar-precompress',
    apply: 'build',
    async writeBundle() {
      const files = (await filesUnder(outDir)).filter((file) => COMPRESSIBLE.test(file));
      await Promise.all(
        files.map(async (file) => {
          const content = await readFile(file);
          const [br, gz] = await Promise.all([
            brotli(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: (await stat(file)).size } }),
            gzipped(content, { level: 9 }),
          ]);
          if (br.length < content.length * 0.9) await writeFile(`${file}.br`, br);
          if (gz.length < content.length * 0.9) await writeFile(`${file}.gz`, gz);
        }),
      );
    },
  };
}

/**
 * The web app: built from `web/` into `dist/web`, which the server serves. Heavy libraries
 * (charts, the map) and each module's pages are imported lazily, so each becomes a chunk of its
 * own that loads only on the pages that use it, and the first load stays small on slow connections.
 */
export default defineConfig({
  root: path.join(root, 'web'),
  publicDir: false,
  plugins: [react(), precompress()],
  css: { postcss: root },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
  build: {
    outDir,
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1200,
    rolldownOptions: {
      output: {
        codeSplitting: {
          // What every page needs comes in one file: on a 400 ms line each further request costs a
          // round trip and about 1 KB of headers, more than most of the small shared chunks weigh.
          groups: [
            { name: 'shell', tags: ['$initial'], priority: 2 },
            // Mantine's shared internals and the inputs nearly every page has (the sign-in form among them), in one file too.
            {
              name: 'forms',
              test: /@mantine[\\/](hooks[\\/]|core[\\/]esm[\\/](core[\\/]|components[\\/](Input|InputBase|TextInput|PasswordInput|ActionIcon|List)[\\/]))|web[\\/]app[\\/](components[\\/]FormErrors|pages[\\/]nextStep)\./,
              priority: 1,
            },
          ],
        },
      },
    },
  },
});
