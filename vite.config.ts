import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * The renderer build. base './' because the packaged app loads index.html from file://;
 * output to dist/renderer, next to the compiled main process and bridge.
 */
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 1500,
  },
});
