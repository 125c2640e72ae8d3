import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * React, refine and supabase-js are their own cacheable chunks; everything else (antd included) is
 * left to Rollup, which puts what the shell needs in the entry and what only pages use in shared
 * lazy chunks, so the sign-in route loads only the shell (tests/e2e/admin/first-route-size.test.ts).
 */
function vendorChunk(id: string): string | undefined {
  const match = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(id);
  if (!match) return undefined;
  const pkg = match[1] ?? '';
  if (/^(react|react-dom|scheduler|react-router|react-is)$/.test(pkg)) return 'react';
  // @refinedev/supabase sits with supabase-js: in the refine chunk it would make the two chunks cyclic.
  if (pkg.startsWith('@supabase/') || pkg === '@refinedev/supabase') return 'supabase';
  // @refinedev/antd goes with the antd modules the shell uses (below), so chunks stay acyclic.
  if (pkg === '@refinedev/antd') return undefined;
  if (pkg.startsWith('@refinedev/') || pkg.startsWith('@tanstack/')) return 'refine';
  // @ant-design/plots (AntV charts) stays out: it belongs to the overview route's lazy chunk.
  if (pkg === '@ant-design/plots' || pkg.startsWith('@antv/')) return undefined;
  // antd is not one chunk: the components only pages use (Image, Upload, Drawer, Timeline …) load
  // with the pages, so a new screen does not grow what the sign-in page loads.
  return undefined;
}

/**
 * @refinedev/antd imports react-markdown for its MarkdownField, which we do not use. The markdown
 * stack does not declare itself side-effect free, so Rollup would keep ~60 kB gzip of it; these
 * packages are pure, and saying so lets tree-shaking drop them.
 */
const PURE_PACKAGES =
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?(react-markdown|remark-[^/]+|micromark[^/]*|mdast-[^/]+|hast-[^/]+|unist-[^/]+|unified|vfile[^/]*|property-information|space-separated-tokens|comma-separated-tokens|html-url-attributes|decode-named-character-reference|character-entities[^/]*|devlop|bail|trough|is-plain-obj|ccount|markdown-table|longest-streak|zwitch|trim-lines|estree-util-[^/]+|style-to-js|style-to-object|inline-style-parser)\//;

/**
 * @tuoyu/domain is pure (no module-level side effects), so the sign-in route keeps only the few
 * zod-free modules it uses (labels, errors, permissions) instead of every schema. Said here rather
 * than as `sideEffects: false` in its package.json: Taro's weapp sub-package splitting breaks on that.
 */
const DOMAIN_PACKAGE = /\/packages\/domain\/src\//;

export default defineConfig({
  plugins: [react()],
  envPrefix: 'VITE_',
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2020',
    chunkSizeWarningLimit: 1200,
    rollupOptions: {
      treeshake: { moduleSideEffects: (id) => !PURE_PACKAGES.test(id) && !DOMAIN_PACKAGE.test(id) },
      output: {
        manualChunks: vendorChunk,
      },
    },
  },
});
