#!/usr/bin/env node
// The crossexam command line; the TypeScript sources run through tsx, so there is no build step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
const { processIO } = await import("../src/cli/io.ts");
process.exitCode = await main(process.argv.slice(2), processIO);
