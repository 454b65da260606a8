/*
 * Keys in the form `wg genkey` / `wg pubkey` / `wg genpsk` write: 32 bytes as 44 characters of standard
 * base64 with one '=' of padding, on a line of its own. Errors name the input and say what to do.
 */
import * as fs from 'node:fs';

export class KeyError extends Error {}

/** The 32 bytes of a base64 key; `what` names the key in the error ("--peer", "private key file x"). */
export function parseKey(text: string, what: string): Uint8Array {
	const t = text.trim();
	if (!/^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=$/.test(t)) {
		throw new KeyError(`${what} is not a WireGuard key: expected 44 characters of base64 ending in '=' ` +
			`(as \`wg genkey\`, \`wg pubkey\` or \`wg genpsk\` print), got ${t.length} characters`);
	}
	return new Uint8Array(Buffer.from(t, 'base64'));
}

export function readKeyFile(file: string, what: string): Uint8Array {
	let text: string;
	try {
		text = fs.readFileSync(file, 'utf8');
	} catch (e) {
		const err = e as NodeJS.ErrnoException;
		throw new KeyError(`cannot read ${what} ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
	}
	return parseKey(text, `${what} ${file}`);
}

export function formatKey(key: Uint8Array): string {
	return Buffer.from(key).toString('base64');
}
