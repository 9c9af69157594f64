// Configuration problems are data, like decode problems: every parser returns all the
// errors it found, each naming the file and, where it can, the line or the JSON path.

export type ConfigError = {
  readonly file: string;
  readonly line?: number;
  /** JSON pointer into a topology file, e.g. `/services/0/realServers/1/ip`. */
  readonly path?: string;
  readonly message: string;
};

/** The outcome of reading one value (an address, an option, a row); the message says what is wrong. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

/** A problem or a remark at a line of the file being parsed, before the file name is attached. */
export type LineMessage = { readonly line: number; readonly message: string };

/** What a parser collects while it reads one file: errors make the file unusable, notes do not. */
export type LineMessages = { readonly errors: LineMessage[]; readonly notes: LineMessage[] };

export type ConfigResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly ConfigError[] };

export function configOk<T>(value: T): ConfigResult<T> {
  return { ok: true, value };
}

export function configFailed<T>(errors: readonly ConfigError[]): ConfigResult<T> {
  return { ok: false, errors };
}

/** "file line 3", the form used in `source` fields and notes. */
export function sourceAt(file: string, line: number): string {
  return `${file} line ${line}`;
}
