export const ExitCode = {
  /** Analysis completed, nothing at or above --fail-on. */
  Ok: 0,
  /** Analysis completed with findings at or above --fail-on. */
  Findings: 1,
  /** Usage, configuration, input or internal error. */
  Error: 2,
} as const;

export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
