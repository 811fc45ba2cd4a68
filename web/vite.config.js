// Builds the classroom pages into dist/, which the C++ build compiles into
// `cogov serve`: the solo page (index.html), and the class session's
// teacher (teacher.html) and student (join.html) pages. Run through
// scripts/build-web.sh and commit dist/.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

export default defineConfig({
  base: '/',
  build: {
    outDir: 'dist',
    assetsDir: 'assets',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1200,
    reportCompressedSize: false,
    rollupOptions: {
      input: {
        index: resolve(import.meta.dirname, 'index.html'),
        teacher: resolve(import.meta.dirname, 'teacher.html'),
        join: resolve(import.meta.dirname, 'join.html'),
      },
    },
  },
});
