import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

// Where Electron's binary could not be installed (offline CI), electron-vite
// still needs the major version to pick its build targets.
process.env.ELECTRON_MAJOR_VER ??= '39'

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'src/main/index.ts'),
          // The load test's generator runs on a worker thread in the app (src/main/services/perf.ts).
          'perf-load-worker': resolve(__dirname, 'src/main/engine/perf/load-worker.ts'),
          // The handover PDF renders on a worker thread so main never freezes (src/main/services/report.ts).
          'report-pdf-worker': resolve(__dirname, 'src/main/report/pdf/worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // Sandboxed preloads must be one CommonJS file with no imports left.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
      },
    },
  },
  renderer: {
    root: 'src/renderer',
    plugins: [react()],
    build: {
      // electron-vite leaves the renderer unminified by default; ship it minified.
      minify: true,
      outDir: 'out/renderer',
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
})
