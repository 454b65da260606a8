/*
 * `wgup generate` part of the matrix: the GitHub Actions workflow (.github/workflows/freebsd-matrix.yml)
 * from the VM plan, and the POSIX sh it runs (ci/freebsd/, ci/qemu/). Model -> plan -> render; the
 * templates are in tools/matrix/templates/.
 */
import * as path from 'node:path';
import { createTemplateEnv, fileHeader, loadTemplate, type Generator, type PlannedFile, type Template } from '@wgup/codegen';
import { FIRST_ERROR_LINES } from '../cell';
import { VMACTIONS_ACTION, VMACTIONS_VERSION, vmJobs } from './plan';

export const WORKFLOW_PATH = '.github/workflows/freebsd-matrix.yml';
const TEMPLATES = path.join(__dirname, '..', '..', 'templates');
const GENERATOR = 'tools/matrix';

/** Actions the workflow uses, each pinned to a full version tag. */
export const ACTIONS = {
	checkout: 'actions/checkout@v4.2.2',
	setupNode: 'actions/setup-node@v4.4.0',
	uploadArtifact: 'actions/upload-artifact@v4.6.2',
	downloadArtifact: 'actions/download-artifact@v4.3.0',
	freebsdVm: `${VMACTIONS_ACTION}@${VMACTIONS_VERSION}`,
} as const;

/** What the smoke battery needs inside the VM (ci/freebsd/netns.sh: bash, wg(8), iperf3). */
export const VM_PACKAGES = ['bash', 'iperf3', 'wireguard-tools'];

const MODEL_INPUTS = ['packages/releases/src/data/releases.json', 'tools/matrix/src/vm/plan.ts'];

let templates: Record<string, Template> | undefined;
function template(name: string): Template {
	if (!templates) {
		const env = createTemplateEnv();
		templates = Object.fromEntries(['workflow.yml', 'prepare.sh', 'run.sh', 'cell-json.sh', 'cell-ok.sh', 'fetch.sh']
			.map((n) => [n, loadTemplate(path.join(TEMPLATES, `${n}.hbs`), env)]));
	}
	return templates[name];
}

const header = (file: string) => fileHeader('hash', { generator: GENERATOR, inputs: [...MODEL_INPUTS, `tools/matrix/templates/${file}.hbs`] }).trimEnd();

function script(out: string, name: string, context: Record<string, unknown> = {}): PlannedFile {
	return {
		path: out,
		generator: 'matrix-ci',
		inputs: [...MODEL_INPUTS, `tools/matrix/templates/${name}.hbs`],
		mode: 0o755,
		render: () => template(name)({ header: header(name), ...context }),
	};
}

export function renderWorkflow(): string {
	const jobs = vmJobs();
	return template('workflow.yml')({
		header: header('workflow.yml'),
		actions: ACTIONS,
		node: 20,
		vmTimeout: 120,
		qemuTimeout: 120,
		vmactions: jobs.filter((j) => j.runner === 'vmactions').map((j) => ({ ...j, src: j.srcUrls.join(' ') })),
		qemu: jobs.filter((j) => j.runner === 'qemu'),
	});
}

export const matrixCiGenerator: Generator = {
	name: 'matrix-ci',
	description: 'the FreeBSD VM matrix: GitHub Actions workflow and the ci/freebsd, ci/qemu shell it runs',
	owns: ['ci/qemu'],
	plan: () => [
		{ path: WORKFLOW_PATH, generator: 'matrix-ci', inputs: [...MODEL_INPUTS, 'tools/matrix/templates/workflow.yml.hbs'], render: renderWorkflow },
		script('ci/freebsd/prepare.sh', 'prepare.sh', { packages: VM_PACKAGES.join(' ') }),
		script('ci/freebsd/run.sh', 'run.sh', { errorLines: FIRST_ERROR_LINES, logLines: 200 }),
		script('ci/freebsd/cell-json.sh', 'cell-json.sh', { cellFields: 'release, version, target, cc, ok, seconds, log' }),
		script('ci/freebsd/cell-ok.sh', 'cell-ok.sh'),
		script('ci/qemu/fetch.sh', 'fetch.sh'),
	],
};
