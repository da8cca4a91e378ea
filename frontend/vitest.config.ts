import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  plugins: [react()],
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: ['src/test/setup.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'reports/vitest.xml' }, // npm test and test:tz name their own
  },
});
