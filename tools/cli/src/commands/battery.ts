import type { Command } from 'commander';

interface BatteryOpts {
	linux?: boolean;
	steps?: string;
	full?: boolean;
	list?: boolean;
	verbose?: boolean;
	wgupPeer?: boolean;
	runId?: string;
}

export function register(program: Command): void {
	program
		.command('battery')
		.description('the WireGuard test battery: with --linux, run its Linux twin here (root; namespaces, veth, wireguard-go)')
		.option('--linux', 'run ci/linux/netns.sh here, in network namespaces the run creates and always removes')
		.option('--steps <a,b,...>', 'run these steps, in this order (see --list)')
		.option('--full', 'run every step (default: the quick subset the test suite runs)')
		.option('--list', 'list the steps, what each proves, and which are in the quick subset')
		.option('--verbose', 'print the whole transcript as it runs, not only the failing steps')
		.option('--no-wgup-peer', 'use wireguard-go for peer3 too, not `wgup peer`')
		.option('--run-id <id>', 'name this run (1-6 of a-z0-9; default random)')
		.addHelpText('after', `
Each step prints one line, "ok" or "FAIL"; a failing step also prints what it proves, its pass condition
and every command it ran with the output. The last line is "N passed, N failed"; the exit status is 0
only when every step passed (130 when interrupted). The FreeBSD twin is ci/freebsd/netns.sh: run it as
root on FreeBSD with if_wg loaded.`)
		.action(async (opts: BatteryOpts) => {
			const battery = require('@wgup/battery') as typeof import('@wgup/battery');
			const out = (line: string) => process.stdout.write(`${line}\n`);
			if (opts.list) {
				for (const s of battery.STEPS) out(`${s.name.padEnd(13)} ${s.quick ? 'quick' : '     '}  ${s.proves}`);
				return;
			}
			if (!opts.linux) {
				throw new Error('only the Linux twin runs here: add --linux (the FreeBSD script, ci/freebsd/netns.sh, runs on FreeBSD)');
			}
			if (opts.steps && opts.full) throw new Error('--steps and --full exclude each other');
			const steps = opts.steps?.split(',').map((s) => s.trim()).filter(Boolean);
			const result = await battery.runLinuxBattery({
				steps, full: opts.full, runId: opts.runId, verbose: opts.verbose,
				wgupPeer: opts.wgupPeer === false ? null : undefined,
				log: out,
			});
			process.exitCode = result.interrupted ? 130 : result.failed === 0 ? 0 : 1;
		});
}
