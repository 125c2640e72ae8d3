/**
 * Taro build configuration (weapp + H5), written by hand rather than by `taro init`; the reasons
 * for each choice are in the comments below and in miniapp/README.md.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { defineConfig, type UserConfigExport } from '@tarojs/cli';
import devConfig from './dev.ts';
import prodConfig from './prod.ts';

const ROOT = path.resolve(__dirname, '..');
const fromRoot = (...parts: string[]) => path.resolve(ROOT, ...parts);

/** Workspace packages (`@tuoyu/domain`, `@tuoyu/db-types`) ship TypeScript source: transpile them too. */
const WORKSPACE_PACKAGES = path.resolve(ROOT, '..', 'packages');
/** Dependencies that ship syntax newer than the browserslist targets (`?.`, `??`, `#private`). */
const MODERN_DEPENDENCIES = /[\\/]node_modules[\\/].*(@supabase|iceberg-js|@tanstack)[\\/]/;
const transpileModernDependency = (file: string) => MODERN_DEPENDENCIES.test(file);

/**
 * Build-time environment. Taro only inlines `TARO_APP_*` from .env files, so the variables the
 * test harness and deployers set in the process environment are passed through `env` here
 * (webpack DefinePlugin → `process.env.TARO_APP_*`); src/config/env.ts reads and validates them.
 */
const BUILD_ENV: Record<string, string> = {
  TARO_APP_SUPABASE_URL: JSON.stringify(process.env.TARO_APP_SUPABASE_URL ?? ''),
  TARO_APP_SUPABASE_ANON_KEY: JSON.stringify(process.env.TARO_APP_SUPABASE_ANON_KEY ?? ''),
  TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES: JSON.stringify(process.env.TARO_APP_WECHAT_SUBSCRIBE_TEMPLATES ?? ''),
};

const BUILD_ENV_HASH = createHash('sha256').update(JSON.stringify(BUILD_ENV)).digest('hex').slice(0, 16);

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'tuoyu-miniapp',
    date: '2026-11-23',
    designWidth: 750,
    deviceRatio: { 640: 2.34 / 2, 750: 1, 375: 2, 828: 1.81 / 2 },
    sourceRoot: 'src',
    // dist/weapp and dist/h5 side by side (without it the two builds overwrite each other)
    outputRoot: `dist/${process.env.TARO_ENV}`,
    plugins: [],
    env: BUILD_ENV,
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: 'webpack5',
    // Persistent webpack cache (node_modules/.cache) makes rebuilds 3-5x faster locally; CI builds once.
    // Taro invalidates it when config/index.ts or src/app.config.ts change, but does not follow
    // app.config's import of the route map (the H5 entry then kept a stale tabBar): list it too.
    // The inlined TARO_APP_* values are not part of webpack's cache key either: a build for another
    // API URL reused modules holding the previous one. Taro's default name plus a hash of them.
    cache: {
      enable: !process.env.CI,
      name: `${process.env.NODE_ENV}-${process.env.TARO_ENV}-${BUILD_ENV_HASH}`,
      buildDependencies: { routes: [fromRoot('src/routes.ts')] },
    },
    mini: {
      compile: { include: [WORKSPACE_PACKAGES, transpileModernDependency] },
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      // Subpackage-only modules stay in their subpackage (keeps the main package small).
      optimizeMainPackage: { enable: true },
      webpackChain(chain, webpack) {
        // The WeChat app service has no fetch/Headers/URL/WebSocket. supabase-js gets fetch and
        // a WebSocket transport explicitly (src/lib/supabase/client.ts); the free variables it
        // uses without asking (and React Query's AbortController) are provided here.
        chain.plugin('wx-web-globals').use(webpack.ProvidePlugin, [
          {
            Headers: [fromRoot('src/lib/polyfills/headers.ts'), 'Headers'],
            // @tanstack/react-query creates an AbortController for every query
            AbortController: [fromRoot('src/lib/polyfills/abort-controller.ts'), 'AbortController'],
            AbortSignal: [fromRoot('src/lib/polyfills/abort-controller.ts'), 'AbortSignal'],
          },
        ]);
        // Taro's own URL (TaroURL) accepts only http(s); realtime-js builds `new URL('ws://…')`.
        chain.plugin('providerPlugin').tap(([definitions]) => [
          {
            ...definitions,
            URL: [fromRoot('src/lib/polyfills/url.ts'), 'URL'],
            URLSearchParams: [fromRoot('src/lib/polyfills/url.ts'), 'URLSearchParams'],
          },
        ]);
        // core-js' "is the native URL correct?" probe reads the free variable URL, which the
        // ProvidePlugin above maps back to core-js (a cycle): answer "no" once and for all.
        chain.plugin('core-js-url-detection').use(webpack.NormalModuleReplacementPlugin, [
          /core-js-pure[\\/]internals[\\/]url-constructor-detection|^\.\.\/internals\/url-constructor-detection$/,
          fromRoot('src/lib/polyfills/url-constructor-detection.js'),
        ]);
      },
    },
    h5: {
      // Also on H5: Taro's minifier quotes property keys, which turns untranspiled `#private`
      // fields (React Query) into invalid `#"e"`; and the targets include old iOS WebViews.
      compile: { include: [WORKSPACE_PACKAGES, transpileModernDependency] },
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      output: { filename: 'js/[name].[contenthash:8].js', chunkFilename: 'js/[name].[contenthash:8].js' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css',
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false },
      },
      webpackChain(chain) {
        // Taro splits only initial chunks on H5, so every feature page carried its own copy of
        // supabase-js, React Query's observers and Taro's H5 APIs (~330 KB each): share one async
        // vendor chunk between the feature pages instead.
        const splitChunks = (chain.optimization.get('splitChunks') ?? {}) as { cacheGroups?: Record<string, unknown> };
        chain.optimization.splitChunks({
          ...splitChunks,
          cacheGroups: {
            ...splitChunks.cacheGroups,
            'async-vendors': {
              name: 'async-vendors',
              // only what feature pages share, so the tab pages never wait for it
              test: /[\\/]node_modules[\\/].*(@supabase|iceberg-js|core-js-pure|@tanstack)[\\/]/,
              chunks: 'async',
              priority: 20,
              enforce: true,
            },
            // Everything else two or more pages share (Taro's H5 components and APIs, the app's own
            // lib/ and shared components) was copied into every page chunk as well: ~280 KB each,
            // 7 MB in all, each copy minified again by terser. Shared async chunks instead, split by
            // which pages use them, as webpack does by default for async chunks.
            'async-shared': {
              chunks: 'async',
              minChunks: 2,
              minSize: 20_000,
              priority: 10,
              reuseExistingChunk: true,
            },
          },
        });
      },
      // `pnpm start` runs `taro build --type h5 --watch`, which serves this dev server.
      devServer: { host: '127.0.0.1', port: 10086, open: false },
    },
  };
  if (process.env.NODE_ENV === 'development') return merge({}, baseConfig, devConfig);
  return merge({}, baseConfig, prodConfig);
});
