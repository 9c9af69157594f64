// The installed package's root, where docs/ and schema/ ship: two levels above this module,
// whether it runs from src/cli/ (tests) or dist/cli/ (installed).

import { fileURLToPath } from 'node:url';

export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));
