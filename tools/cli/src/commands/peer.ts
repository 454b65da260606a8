import type { Command } from 'commander';

export function register(program: Command): void {
	program
		.command('peer')
		.description('run a userspace WireGuard peer over UDP that answers pings inside the tunnel (and pings, with --ping)')
		.option('--private-key <file>', 'required: our private key, as `wg genkey` writes it')
		.option('--listen-port <n>', 'required: UDP port to listen on (0: any free port)')
		.option('--address <cidr,...>', 'required: our address(es) inside the tunnel, e.g. 10.0.0.2/24 or 10.0.0.2/24,fd00::2/64')
		.option('--peer <pubkey>', "required: the other side's public key (`wg pubkey`)")
		.option('--preshared-key <file>', 'a preshared key file (`wg genpsk`)')
		.option('--endpoint <host:port>', 'where the peer listens; without it we wait for the peer to reach us')
		.option('--allowed-ips <cidr,...>', "inner source addresses accepted from the peer and routed to it (default: --address's networks)")
		.option('--ping <addr>', 'send ICMP echo requests to addr through the tunnel; exit 0 if any reply came, 1 if none')
		.option('--count <n>', 'with --ping: how many requests (default 3)')
		.option('--interval <s>', 'with --ping: seconds between requests (default 1)')
		.option('--wait <s>', 'with --ping: seconds to wait for replies after the last request (default 5)')
		.option('--persistent-keepalive <s>', 'send a keepalive every s seconds of silence (0: off)')
		.option('--backend <name>', 'crypto backend: fast (default) or reference')
		.addHelpText('after', `
Runs until SIGINT/SIGTERM (or, with --ping, until the replies are in or --wait ends), then prints a
"summary {json}" line with drop counters by reason; SIGUSR1 prints the same as "status {json}".
Exit status: 0 clean shutdown (with --ping: at least one reply), 1 no ping reply, 2 bad usage.`)
		.action(async (opts: Record<string, string | undefined>) => {
			const { runPeerCommand } = require('@wgup/peer') as typeof import('@wgup/peer');
			/* a closed stdout (`| head`) must not end the peer */
			process.stdout.on('error', () => {});
			process.exitCode = await runPeerCommand(opts, {
				out: (line) => process.stdout.write(`${line}\n`),
				log: (line) => process.stderr.write(`${line}\n`),
			});
		});
}
