/*
 * Handlebars, set up the way every wgup generator uses it: templates compiled with `strict` (a missing
 * field is an error, not an empty string), `noEscape` (we print C and shell, not HTML) and
 * `knownHelpersOnly` (only the helpers registered here), with the shared partials `banner` and `license`.
 * Templates are for file skeletons; function bodies come from the C printer (tools/ts2c).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import Handlebars from 'handlebars';

export type TemplateContext = Record<string, unknown>;
export type Template = (context: TemplateContext) => string;

const PARTIALS_DIR = path.join(__dirname, '..', 'templates', 'partials');

const COMPILE_OPTIONS = {
	strict: true,
	noEscape: true,
	knownHelpersOnly: true,
	knownHelpers: { join: true, indent: true, eq: true },
} as const;

/** A handlebars environment with the shared partials plus any the caller adds (name -> source). */
export function createTemplateEnv(extraPartials: Record<string, string> = {}): typeof Handlebars {
	const env = Handlebars.create();
	env.registerHelper('join', (list: unknown, sep: unknown) => (list as unknown[]).join(String(sep)));
	env.registerHelper('indent', (text: unknown, prefix: unknown) =>
		String(text).split('\n').map((l) => (l.length ? String(prefix) + l : l)).join('\n'));
	env.registerHelper('eq', (a: unknown, b: unknown) => a === b);
	for (const file of fs.readdirSync(PARTIALS_DIR).sort()) {
		if (file.endsWith('.hbs')) env.registerPartial(file.slice(0, -4), readTemplateFile(path.join(PARTIALS_DIR, file)));
	}
	for (const [name, source] of Object.entries(extraPartials)) env.registerPartial(name, source);
	return env;
}

function readTemplateFile(file: string): string {
	return fs.readFileSync(file, 'utf8');
}

/** Compile template source once; rendering is then pure. */
export function compileTemplate(source: string, env: typeof Handlebars = createTemplateEnv()): Template {
	const compiled = env.compile(source, COMPILE_OPTIONS);
	return (context) => compiled(context);
}

/** Compile a template file (templates/<name>.hbs of some tool). */
export function loadTemplate(file: string, env?: typeof Handlebars): Template {
	return compileTemplate(readTemplateFile(file), env);
}
