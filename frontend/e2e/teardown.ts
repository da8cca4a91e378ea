import { rmSync } from 'node:fs';

/** Removes the temporary binary and database (the server has been stopped by then). */
export default function teardown() {
  const tmp = process.env.VIGIL_E2E_TMP;
  if (tmp && tmp.includes('vigil-e2e-')) rmSync(tmp, { recursive: true, force: true });
}
