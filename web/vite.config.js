// Builds the classroom page into dist/, which the C++ build compiles into
// `cogov serve`. Run through scripts/build-web.sh and commit dist/.
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
  },
});
