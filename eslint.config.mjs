// office-addin-lint's configuration (eslint-plugin-office-addins, prettier with .prettierrc.json), plus:
// no-undef off for TypeScript, where the compiler already checks every name (typescript-eslint's advice),
// so Node globals in src/cli and browser globals in src/taskpane need no lists here.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    files: ["**/*.ts", "**/*.tsx"],
    rules: { "no-undef": "off" },
  },
  {
    // Published coefficient tables (Cody, Jäckel, Acklam) quote more digits than a double holds, on purpose.
    files: ["src/engine/**/*.ts"],
    rules: { "no-loss-of-precision": "off" },
  },
];
