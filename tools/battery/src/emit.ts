/*
 * The two emitters: the battery model rendered through one script template (templates/netns.sh.hbs)
 * with a platform partial (freebsd.sh.hbs or linux.sh.hbs) and the shared helpers (common.sh.hbs).
 * Rendering is pure; the generator (generator.ts) plans the two files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { compileTemplate, createTemplateEnv, fileHeader, type Template } from '@wgup/codegen';
import { DIALECTS, batteryScript, type Platform } from './model';

const TEMPLATES = path.join(__dirname, '..', 'templates');

export const SCRIPT_PATHS: Readonly<Record<Platform, string>> = {
	freebsd: 'ci/freebsd/netns.sh',
	linux: 'ci/linux/netns.sh',
};

/** The sources every emitted script derives from (for the banner and the generator's inputs). */
export const BATTERY_INPUTS: readonly string[] = [
	'tools/battery/src/model/topology.ts',
	'tools/battery/src/model/steps.ts',
	'tools/battery/src/model/dialect.ts',
	'tools/battery/templates/netns.sh.hbs',
];

const read = (name: string) => fs.readFileSync(path.join(TEMPLATES, name), 'utf8');

const templates = new Map<Platform, Template>();

function templateFor(platform: Platform): Template {
	let t = templates.get(platform);
	if (!t) {
		const env = createTemplateEnv({ common: read('common.sh.hbs'), platform: read(`${platform}.sh.hbs`) });
		t = compileTemplate(read('netns.sh.hbs'), env);
		templates.set(platform, t);
	}
	return t;
}

const indent = (lines: readonly string[]) => lines.join('\n').split('\n').map((l) => (l ? `\t${l}` : l)).join('\n');

/** The text of ci/<platform>/netns.sh. */
export function renderBatteryScript(platform: Platform): string {
	const s = batteryScript(DIALECTS[platform]);
	const header = fileHeader('hash', {
		generator: 'tools/battery',
		inputs: [...BATTERY_INPUTS, `tools/battery/templates/${platform}.sh.hbs`],
	});
	return templateFor(platform)({
		header,
		title: s.title,
		needs: s.needs,
		containers: platform === 'freebsd' ? 'VNET jails' : 'network namespaces',
		hosts: s.hosts.map((h) => ({ name: h.name, role: h.role })),
		names: indent(s.names),
		setup: indent(s.setup),
		teardown: indent(s.teardown),
		steps: s.steps.map((st) => ({ ...st, body: indent(st.body) })),
		stepNames: s.steps.map((st) => st.name).join(' '),
	});
}
