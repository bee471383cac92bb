#!/usr/bin/env node
// The built CLI (npm install / npm run build writes dist/cli.js).
import '../dist/cli.js'
