import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The gateway serves dist/ at `/` under a strict CSP (no inline scripts, no external hosts).
// In development, Vite proxies the API to a running platform (`pnpm start`).
const gateway = process.env.GATEWAY_URL ?? 'http://localhost:4000';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/graphql': { target: gateway, ws: true, changeOrigin: true },
      '/dev': { target: gateway, changeOrigin: true },
      '/auth/config': { target: gateway, changeOrigin: true },
    },
  },
});
