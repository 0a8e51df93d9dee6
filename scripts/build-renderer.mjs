// Builds only the renderer (out/renderer) with the same settings as the
// renderer section of electron.vite.config.ts, for the browser test harness
// and for machines where the main/preload build is not needed.
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import react from '@vitejs/plugin-react'

const root = resolve(fileURLToPath(new URL('..', import.meta.url)))
await build({
  root: resolve(root, 'src/renderer'),
  base: './',
  configFile: false,
  logLevel: 'warn',
  plugins: [react()],
  build: {
    outDir: resolve(root, 'out/renderer'),
    emptyOutDir: true,
    rollupOptions: { input: { index: resolve(root, 'src/renderer/index.html') } },
  },
})
console.log('renderer built: out/renderer')
