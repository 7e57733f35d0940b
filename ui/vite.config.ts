import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'

// The app loads only its own bundle (strict CSP in tauri.conf.json): no CDN, no remote fonts.
export default defineConfig({
  plugins: [vue()],
  clearScreen: false,
  build: {
    target: 'safari15',
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
  },
})
