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
        // The password rule's dictionaries (loaded only with a new-password field) come in one
        // chunk per package, fetched in parallel, rather than one 2 MB file.
        manualChunks(id: string) {
          if (/node_modules[\\/](react|react-dom|scheduler)[\\/]/.test(id)) return 'react';
          const dictionary = /node_modules[\\/](?:@zxcvbn-ts[\\/]language-(common|en)|(pinyin-pro))[\\/]/.exec(id);
          if (dictionary) return dictionary[2] ? 'pinyin' : `zxcvbn-${dictionary[1]}`;
          return undefined;
        },
      },
    },
  },
});
