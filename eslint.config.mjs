// Next.js's own rules (core web vitals, React hooks, jsx-a11y) plus typescript-eslint, with the strict
// rules that catch real mistakes here; formatting is Prettier's job, so its conflicting rules are off.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";
import tseslint from "typescript-eslint";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    files: ["**/*.ts", "**/*.tsx", "**/*.mts"],
    plugins: { "@typescript-eslint": tseslint.plugin },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-non-null-assertion": "error",
      // `typeof import(...)` stays allowed: tests import a module after setting the environment it reads.
      "@typescript-eslint/consistent-type-imports": [
        "error",
        { fixStyle: "inline-type-imports", disallowTypeAnnotations: false },
      ],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-dynamic-delete": "error",
      "@typescript-eslint/no-extraneous-class": "error",
      "@typescript-eslint/no-invalid-void-type": "error",
      "@typescript-eslint/prefer-literal-enum-member": "error",
      "@typescript-eslint/unified-signatures": "error",
    },
  },
  {
    rules: {
      eqeqeq: ["error", "always", { null: "ignore" }],
      "no-console": "off",
    },
  },
  {
    // Playwright fixtures call a parameter named `use`, which is not React's hook; a test that meets null fails anyway.
    files: ["e2e/**", "tests/**", "**/*.test.ts"],
    rules: { "react-hooks/rules-of-hooks": "off", "@typescript-eslint/no-non-null-assertion": "off" },
  },
  {
    // The emulator's control API answers loosely shaped JSON that these tests pick apart field by field.
    files: ["tests/emulator/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    files: ["**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  prettier,
  {
    // After Prettier's config, which turns max-len off: Prettier wraps code, but not comments or strings,
    // so a long string or template literal is split by hand. A URL or a regex literal may run on.
    rules: {
      "max-len": ["error", { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
    },
  },
  {
    ignores: [
      "node_modules/**",
      ".next/**",
      "lib/generated/**",
      "test-results/**",
      "playwright-report/**",
      "bench-results/**",
      "data/**",
      ".tmp/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
