import * as fs from 'node:fs'; import * as os from 'node:os'; import * as path from 'node:path';
import { runMatrix } from './src/run'; import { workspaceInputs } from './src/workspace';
(async () => {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'wgup-ws-'));
  const inputs = workspaceInputs({ scratch });
  console.log(inputs.defaultReleases);
  const r = await runMatrix(inputs, { releases: process.argv[2] ? process.argv[2].split(',') : undefined, all: !process.argv[2], cc: (process.argv[3] as any) ?? 'both', root: '/work/main', log: () => {} });
  console.log(r.table.slice(0, 6000), r.seconds);
})();
