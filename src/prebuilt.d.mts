/** See src/prebuilt.mjs. */
export function prebuilt(entry: string, outDir: string): Promise<string>;
/** See src/prebuilt.mjs. */
export const CLI_BUNDLE: { readonly entry: string; readonly outDir: string };
