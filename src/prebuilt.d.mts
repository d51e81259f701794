/** See src/prebuilt.mjs. */
export function prebuilt(entry: string, outDir: string): Promise<string>;
