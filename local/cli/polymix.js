#!/usr/bin/env node
// `npx polymix …`: the TypeScript CLI (local/cli.ts) run through tsx's require hook; tsx is a
// devDependency that `npm ci` installs.
require('tsx/cjs');
require('../cli.ts').main();
