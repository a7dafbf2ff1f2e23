import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './build/precompress.ts';

const root = decodeURIComponent(new URL('.', import.meta.url).pathname);

/**
 * Two apps from one build: the citizens' portal at `/` (index.html, light, for phones) and the
 * staff console at `/staff/` (staff/index.html). They share only the React chunk.
 */
const STAFF = '/staff/';

/** The dev server answers a console address (/staff/cases/12) with the console's page. */
const staffFallback: Plugin = {
  name: 'bianmin-staff-fallback',
  configureServer(server) {
    server.middlewares.use((req, _res, next) => {
      if (req.url?.startsWith(STAFF) && !/\.[a-z0-9]+(\?|$)/i.test(req.url)) req.url = STAFF;
      next();
    });
  },
};

export default defineConfig({
  root,
  plugins: [react(), staffFallback, precompress()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 600,
    rolldownOptions: {
      input: { portal: `${root}index.html`, staff: `${root}staff/index.html` },
      output: {
        // Libraries every page needs, in chunks that stay cached across releases of the app code.
        // Ant Design is left to the automatic split, so each page loads only the components it uses.
        codeSplitting: {
          groups: [
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|react-router|scheduler|cookie|set-cookie-parser)[\\/]/,
            },
            { name: 'query', test: /node_modules[\\/]@tanstack[\\/]/ },
            { name: 'zod', test: /node_modules[\\/]zod[\\/]/ },
            { name: 'dayjs', test: /node_modules[\\/]dayjs[\\/]/ },
          ],
        },
      },
    },
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    proxy: {
      '/api': { target: 'http://127.0.0.1:3000', changeOrigin: false },
    },
  },
});
