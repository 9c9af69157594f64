// Compiles a TypeScript entry (and what it imports) to JavaScript that plain `node` can run,
// for end-to-end tests of programs under test/support. Output goes under node_modules/.cache,
// so it resolves the project's dependencies and never mixes with dist/.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
export const COMPILE_CACHE = path.join(ROOT, 'node_modules', '.cache', 'lvs-doctor-e2e');

/** Returns the path of the compiled entry. Throws with the diagnostics if emitting fails. */
export function compileForNode(entry: string): string {
  const configFile = ts.readConfigFile(path.join(ROOT, 'tsconfig.json'), (p) => ts.sys.readFile(p));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = { ...parsed.options, rootDir: ROOT, outDir: COMPILE_CACHE, noEmit: false, incremental: false, declaration: false, sourceMap: false };
  const program = ts.createProgram([path.resolve(ROOT, entry)], options);
  const result = program.emit();
  if (result.emitSkipped) {
    const text = ts.formatDiagnostics(result.diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => ROOT, getNewLine: () => '\n' });
    throw new Error(`could not compile ${entry}:\n${text}`);
  }
  return path.join(COMPILE_CACHE, path.relative(ROOT, path.resolve(ROOT, entry))).replace(/\.tsx?$/, '.js');
}
