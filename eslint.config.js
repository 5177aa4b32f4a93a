// The JavaScript linter's settings (eslint's flat config), run by `make lint` (a step of `make test`).
// Why: the exercise modules run in learners' browsers with no build step, so a typo'd name or an unused
// variable is caught here rather than by a learner. The browser modules get browser globals; the unit tests
// and drivers under tests/js get node's.
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["send_outcomes/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.browser } },
  },
  {
    files: ["tests/js/**/*.mjs", "tests/js/**/*.js"],
    languageOptions: { ecmaVersion: 2022, sourceType: "module", globals: { ...globals.node } },
  },
  {
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none", argsIgnorePattern: "^_" }],
      eqeqeq: ["error", "always"],
      "no-var": "error",
      "prefer-const": "error",
    },
  },
];
