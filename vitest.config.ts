import { defineConfig } from 'vitest/config'

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'policies/**/*.test.ts', 'bench/**/*.test.ts', 'scenarios/**/*.test.ts'],
    pool: 'threads',
    testTimeout: 60_000,
  },
})
