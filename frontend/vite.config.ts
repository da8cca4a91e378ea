import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { defineConfig, type Plugin } from 'vite';

/**
 * GraphiQL's stylesheets embed their fonts as data: URLs, which the server's
 * Content-Security-Policy refuses (font-src falls back to 'self'). This
 * plugin writes each embedded font to a file (named by its content, so the
 * build stays deterministic) and points the stylesheet at it; Vite then
 * emits it as a hashed asset served from 'self'.
 */
function fontsFromSelf(): Plugin {
  const dir = join(import.meta.dirname, 'node_modules', '.vite-data-fonts');
  const ext: Record<string, string> = { ttf: 'ttf', woff: 'woff', woff2: 'woff2', otf: 'otf', 'x-font-ttf': 'ttf', 'font-woff': 'woff' };
  return {
    name: 'vigil:fonts-from-self',
    enforce: 'pre',
    transform(code, id) {
      if (!/\.css($|\?)/.test(id) || !code.includes('data:')) return null;
      let changed = false;
      const out = code.replace(/url\((["']?)data:(?:font|application)\/([\w-]+);base64,([A-Za-z0-9+/=]+)\1\)/g, (all, _q, type: string, b64: string) => {
        const e = ext[type];
        if (!e) return all;
        const bytes = Buffer.from(b64, 'base64');
        const file = join(dir, `font-${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}.${e}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(file, bytes);
        changed = true;
        return `url("${relative(dirname(id.replace(/\?.*$/, '')), file).replace(/\\/g, '/')}")`;
      });
      return changed ? { code: out, map: null } : null;
    },
  };
}

// The build lands in dist/, which the Go binary embeds (frontend/embed.go)
// and which is committed, so that `go run . serve` works without Node.
// `npm run build:check` rebuilds and fails when dist/ differs, so the build
// must stay deterministic: no timestamps, no absolute paths, no source maps.
const backend = process.env.VIGIL_DEV_BACKEND ?? 'http://127.0.0.1:8080';

export default defineConfig({
  base: '/', // not './': deep links such as /incidents/42 must load /assets/…
  plugins: [react(), fontsFromSelf()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Everything is a file served from 'self': the CSP has no data: fonts.
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 5000, // the lazy GraphiQL chunk is large; the list page has its own budget (scripts/size.mjs)
    rolldownOptions: {
      onwarn(warning, warn) {
        // GraphiQL's React Compiler output starts modules with "use no memo"; bundling drops the directive harmlessly.
        if (warning.code === 'MODULE_LEVEL_DIRECTIVE') return;
        warn(warning);
      },
    },
  },
  worker: {
    format: 'es', // Monaco's workers (GraphiQL) are modules loaded from 'self'
  },
  optimizeDeps: {
    // GraphiQL's worker setup imports `?worker` modules that the dev server's
    // dependency pre-bundling cannot handle.
    exclude: ['graphiql/setup-workers/vite', '@graphiql/react/setup-workers/vite'],
  },
  // `npm run dev` talks to a running `vigil serve` (VIGIL_DEV_BACKEND, default 127.0.0.1:8080).
  server: {
    proxy: {
      '/graphql': { target: backend, ws: true },
      '/api': backend,
      '/healthz': backend,
    },
  },
});
