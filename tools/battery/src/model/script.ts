/*
 * The battery as one platform's script, still as data: the names, the setup (keys, network, WireGuard
 * interfaces), every step's body and the teardown, as bash lines. The emitter (tools/battery/src/emit.ts)
 * puts them into the script template; nothing here knows the template.
 */
import { must, shq, type Dialect } from './dialect';
import { STEPS, type Step } from './steps';
import { HOSTS, NODES, PSK_VAR, STATE_VAR, type Host } from './topology';

export interface ScriptStep {
	readonly name: string;
	/** the bash function that runs it */
	readonly fn: string;
	readonly proves: string;
	readonly pass: string;
	/** `proves`, quoted for bash */
	readonly provesQuoted: string;
	readonly body: readonly string[];
}

export interface BatteryScript {
	readonly platform: Dialect['platform'];
	readonly title: string;
	readonly needs: string;
	readonly hosts: readonly Host[];
	readonly names: readonly string[];
	readonly setup: readonly string[];
	readonly teardown: readonly string[];
	readonly steps: readonly ScriptStep[];
}

export function stepFunction(name: string): string {
	return `step_${name.replace(/-/g, '_')}`;
}

function scriptStep(d: Dialect, s: Step): ScriptStep {
	return { name: s.name, fn: stepFunction(s.name), proves: s.proves, pass: s.pass, provesQuoted: shq(s.proves), body: s.body(d) };
}

export function batteryScript(d: Dialect, steps: readonly Step[] = STEPS): BatteryScript {
	const names = [
		...d.names(),
		...NODES.map((n) => `${n.keyVar}="$${STATE_VAR}/${n.name}.key" ${n.pubVar}=''`),
		`${PSK_VAR}="$${STATE_VAR}/psk"`,
	];
	const setup = [
		// keys are made at run time by wg(8), never stored in the repository
		...NODES.map((n) => must(`generate ${n.name}'s key pair`, `gen_key "$${n.keyVar}" ${n.pubVar}`)),
		must('generate the preshared key of peer1 and peer2', `gen_psk "$${PSK_VAR}"`),
		...d.createNetwork(),
		// peer3 first: on Linux it may be a wgup peer, which starts slowest (see setupDone)
		...[...NODES].reverse().flatMap((n) => d.wgUp(n)),
		...d.setupDone(),
	];
	return {
		platform: d.platform, title: d.title, needs: d.needs, hosts: HOSTS, names, setup, teardown: d.teardown(),
		steps: steps.map((s) => scriptStep(d, s)),
	};
}
