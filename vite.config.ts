import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const webRoot = fileURLToPath(new URL('./web', import.meta.url));
const inNodeModules = (pkgs: string) => new RegExp(`[\\\\/]node_modules[\\\\/](${pkgs})[\\\\/]`);

/** In dev, /m and /m/* are the portal's pages: answer them with web/m/index.html as the server does. */
function portalFallback(): Plugin {
  return {
    name: 'gonghui-portal-fallback',
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        const url = req.url?.split('?')[0] ?? '';
        const isPortalPage = (url === '/m' || url.startsWith('/m/')) && !/\.[a-z0-9]+$/i.test(url);
        if (req.method === 'GET' && isPortalPage) req.url = '/m/index.html';
        next();
      });
    },
  };
}

/**
 * Two single-page apps from one build: the admin (web/index.html, served at /) and the member portal
 * (web/m/index.html, served at /m). The server answers unknown paths with the matching index.html.
 */
export default defineConfig({
  root: webRoot,
  base: '/',
  plugins: [react(), portalFallback()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    // The portal is plain ES2022 for recent phone browsers; nothing here needs older syntax.
    target: 'es2022',
    // The largest chunk is echarts (≈510 kB, 170 kB gzipped), loaded only by the statistics pages.
    chunkSizeWarningLimit: 600,
    // Vite 8 bundles with Rolldown; `rollupOptions` is its deprecated alias.
    rolldownOptions: {
      input: {
        admin: `${webRoot}/index.html`,
        portal: `${webRoot}/m/index.html`,
      },
      output: {
        codeSplitting: {
          // React, the router and TanStack Query are used by both apps and change rarely: one shared
          // vendor chunk cached across releases. The UI kits are left to Rolldown's automatic chunking,
          // which follows the import graph per entry: the portal's chunks never contain antd, and
          // antd's parts follow the lazy admin pages that use them so no chunk carries all of it.
          // (A hand-made "antd" group captured helpers shared with antd-mobile and made the portal
          // load antd; excluding those needed strictExecutionOrder, a runtime cost for no gain.)
          groups: [{ name: 'react', test: inNodeModules('react|react-dom|scheduler|react-router|@tanstack') }],
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://localhost:3000' },
  },
});
