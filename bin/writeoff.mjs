#!/usr/bin/env node
// The `writeoff` package bin and `npm run writeoff`: runs the CLI as one prebuilt ES module, as
// `npm start` runs the bot (docs/decisions/270-prebuilt-start.md, 365-prebuilt-cli.md): a command
// costs a fraction of what loading every module through tsx's hooks did, which a nightly
// clean-up or a clerk at the terminal pays on every call. The bundle lives under .build/cli/ and
// is rebuilt when a file it came from changed; if it cannot be built or written (a read-only
// install), the CLI runs through tsx as before.
import { CLI_BUNDLE, runPrebuilt } from '../src/prebuilt.mjs';

await runPrebuilt(CLI_BUNDLE.entry, CLI_BUNDLE.outDir);
