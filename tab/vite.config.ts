import path from 'node:path';
import { defineConfig } from 'vite';

/*
 * The tab is served from this folder in development (with /api proxied to the service)
 * and built into dist/tab at the repository root, where the service can serve it.
 */

const tabRoot = __dirname;
const repoRoot = path.resolve(tabRoot, '..');

function port(raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 65535) {
    throw new Error(`TAB_PORT must be a port number from 1 to 65535 (got "${raw}").`);
  }
  return value;
}

export default defineConfig({
  root: tabRoot,
  // Relative asset URLs keep the build working wherever the service mounts it.
  base: './',
  // Kept apart from any other Vite user of the shared node_modules.
  cacheDir: path.join(repoRoot, 'node_modules', '.vite', 'tab'),
  // Vite transforms TSX itself; the automatic runtime means no `import React` in every file.
  oxc: { jsx: { runtime: 'automatic' } },
  server: {
    host: '127.0.0.1',
    port: port(process.env.TAB_PORT, 53000),
    strictPort: true,
    proxy: {
      '/api': { target: process.env.COMMONPLACE_API_URL || 'http://127.0.0.1:3978', changeOrigin: false },
    },
    // The tab imports the API contract from the bot's sources.
    fs: { allow: [repoRoot] },
  },
  preview: { host: '127.0.0.1', port: port(process.env.TAB_PORT, 53000), strictPort: true },
  build: {
    outDir: path.join(repoRoot, 'dist', 'tab'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    // The initial-load budget is checked in gzip by scripts/bundle-size.mjs, not by this raw-size warning.
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // Everything the first page needs in one chunk: left alone, the bundler splits it into
        // several shared chunks (by which lazy views also use them), which download and
        // compress worse. Lazy views keep their own chunks and import from this one.
        codeSplitting: { groups: [{ name: 'start', tags: ['$initial'] }] },
      },
      onwarn(warning, warn) {
        // Fluent marks its modules 'use client' for server components; meaningless in a client-only bundle.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
});
