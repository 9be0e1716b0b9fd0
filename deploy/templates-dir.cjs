// deploy/'s own directory, for render.mjs to find the templates. A CommonJS file on purpose: Playwright loads
// render.mjs through its CommonJS transform, where `import.meta` would make Node run the result as ESM and fail.
module.exports = __dirname;
