import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["tests/**/*.test.ts"],
    // Fails any test during which the local Bot API refused a message, as Telegram would.
    setupFiles: ["tests/support/refusals.ts"],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
