#!/usr/bin/env -S node --max-semi-space-size=8
// Thin launcher: the CLI is compiled to dist/ and bundled into dist/src/cli-bundle/ (one module
// per command and shared chunk: scripts/bundle-cli.mjs) by `npm install` (the `prepare` script).
// --max-semi-space-size=8 (MB) caps V8's young generation: parsing a 30 MB list allocates in
// bursts, and the default 16 MB semi-spaces add ~10 MB of peak RSS for no measurable speed.
import { main } from '../dist/src/cli-bundle/main.js';

process.exitCode = await main(process.argv.slice(2));
