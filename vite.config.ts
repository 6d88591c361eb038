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
    rollupOptions: {
      output: {
        // React gets its own chunk, named for what it holds (otherwise the shared chunk takes the
        // name of whichever module rolldown meets first). antd stays split per component by use.
        manualChunks(id: string) {
          return /node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id) ? 'react' : undefined;
        },
      },
    },
  },
});
