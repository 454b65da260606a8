import type { Generator, PlannedFile } from '@wgup/codegen';
import { BATTERY_INPUTS, SCRIPT_PATHS, renderBatteryScript } from './emit';
import type { Platform } from './model';

/** `wgup generate` entry: ci/freebsd/netns.sh and ci/linux/netns.sh from the battery model. */
export const batteryGenerator: Generator = {
	name: 'battery',
	description: 'the WireGuard test battery as ci/freebsd/netns.sh (VNET jails) and ci/linux/netns.sh (namespaces, wireguard-go)',
	// ci/freebsd/ is shared with the matrix generator, so only ci/linux/ is owned outright
	owns: ['ci/linux'],
	plan(): PlannedFile[] {
		return (Object.keys(SCRIPT_PATHS) as Platform[]).map((platform) => ({
			path: SCRIPT_PATHS[platform],
			generator: 'battery',
			inputs: [...BATTERY_INPUTS, `tools/battery/templates/${platform}.sh.hbs`],
			render: () => renderBatteryScript(platform),
			mode: 0o755,
		}));
	},
};
