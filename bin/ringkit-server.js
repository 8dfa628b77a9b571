#!/usr/bin/env node
// The `ringkit-server` command: runs the built CLI (see src/server/cli.ts).
import '../dist/cli.js';
