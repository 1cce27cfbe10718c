import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'policies/**/*.test.ts', 'bench/**/*.test.ts', 'scenarios/**/*.test.ts'],
    pool: 'threads',
    // Compiles the CLI once for the tests that run it (see the file).
    globalSetup: ['./vitest.global-setup.ts'],
    testTimeout: 60_000,
  },
})
