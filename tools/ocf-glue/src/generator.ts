/*
 * The `ocf-glue` generator: freebsd-overlay/sys/dev/wg/wg_crypto_ocf.{c,h} from the glue model in
 * @wgup/ocf (WG_GLUE, wg_session_params). The C skeleton is a handlebars template; every value that
 * the model decides (request flags, ops, session parameters, sizes, the compat guard) comes from the
 * model and is spelled with the kernel's own names by the functions below.
 */
import * as path from 'node:path';
import { fileHeader, loadTemplate, type Generator, type PlannedFile } from '@wgup/codegen';
import * as ocf from '@wgup/ocf';

export const GLUE_DIR = 'freebsd-overlay/sys/dev/wg';
export const GLUE_C = `${GLUE_DIR}/wg_crypto_ocf.c`;
export const GLUE_H = `${GLUE_DIR}/wg_crypto_ocf.h`;
const TEMPLATES = path.join(__dirname, '..', 'templates');
const GENERATOR = 'tools/ocf-glue';
const INPUTS = ['packages/ocf/src/glue.ts', 'tools/ocf-glue/templates'];

/**
 * Where the fallback finds the sys/crypto streaming functions (chacha20_poly1305_keystream_xor,
 * struct poly1305_ctx, chacha20_poly1305_mac_init/update/final) that tools/ts2c emits next to chacha20_poly1305.c.
 */
export const STREAM_HEADER = 'crypto/chacha20_poly1305_internal.h';
/** The emitted C file that defines them. */
export const STREAM_SOURCE = 'crypto/chacha20_poly1305.c';

/* The names the driver uses for the sizes (sys/dev/wg/crypto.h). */
const KEY_SIZE = 'CHACHA20POLY1305_KEY_SIZE';
const TAG_SIZE = 'CHACHA20POLY1305_AUTHTAG_SIZE';

/** Names of the constants with a prefix, by value (the model's constants module is the dictionary). */
function namesWithPrefix(prefix: string): Array<[string, number]> {
	return Object.entries(ocf)
		.filter((e): e is [string, number] => e[0].startsWith(prefix) && typeof e[1] === 'number')
		.filter(([name]) => !/_(SUPPORTED|LAST)$/.test(name));
}

/** A bit mask as `A | B`, using only single-bit names; throws when a bit has no name. */
export function spellFlags(value: number, prefix: string): string {
	const parts: string[] = [];
	let left = value;
	for (const [name, bit] of namesWithPrefix(prefix).sort((a, b) => a[1] - b[1])) {
		if (bit !== 0 && (bit & (bit - 1)) === 0 && value & bit) {
			parts.push(name);
			left &= ~bit;
		}
	}
	if (left !== 0) throw new Error(`no ${prefix}* name for bits 0x${left.toString(16)} of 0x${value.toString(16)}`);
	if (!parts.length) throw new Error(`${prefix}* value 0 has no flag spelling`);
	return parts.join(' | ');
}

/** An enumerated value by its one name with the prefix; throws when there is none or more than one. */
export function spellEnum(value: number, prefix: string): string {
	const hits = namesWithPrefix(prefix).filter(([, v]) => v === value).map(([n]) => n);
	if (hits.length !== 1) throw new Error(`${prefix}* value ${value} has ${hits.length} names: ${hits.join(', ')}`);
	return hits[0];
}

/** crp_op: CRYPTO_OP_DECRYPT and CRYPTO_OP_COMPUTE_DIGEST are both 0, so they are spelled by meaning. */
export function spellOp(op: number): string {
	const dir = op & ocf.CRYPTO_OP_ENCRYPT ? 'CRYPTO_OP_ENCRYPT' : 'CRYPTO_OP_DECRYPT';
	const digest = op & ocf.CRYPTO_OP_VERIFY_DIGEST ? 'CRYPTO_OP_VERIFY_DIGEST' : 'CRYPTO_OP_COMPUTE_DIGEST';
	if (op & ~(ocf.CRYPTO_OP_ENCRYPT | ocf.CRYPTO_OP_VERIFY_DIGEST)) throw new Error(`crp_op ${op} has unknown bits`);
	return `${dir} | ${digest}`;
}

/** The designated initializers of wg_crypto_init's session, field order as in struct crypto_session_params. */
export function sessionInitializers(): Array<{ field: string; value: string }> {
	const csp = ocf.wg_session_params();
	const out: Array<{ field: string; value: string }> = [];
	for (const [field, value] of Object.entries(csp)) {
		if (value === 0 || value === null) continue;
		switch (field) {
		case 'csp_mode': out.push({ field, value: spellEnum(value as number, 'CSP_MODE_') }); break;
		case 'csp_flags': out.push({ field, value: spellFlags(value as number, 'CSP_F_') }); break;
		case 'csp_ivlen':
			if (value !== 8) throw new Error(`csp_ivlen ${value}: the glue's nonce is a uint64_t`);
			out.push({ field, value: 'sizeof(uint64_t)' });
			break;
		case 'csp_cipher_alg': out.push({ field, value: spellEnum(value as number, 'CRYPTO_CHACHA20_') }); break;
		case 'csp_cipher_klen':
			if (value !== ocf.WG_GLUE.keyLen) throw new Error(`csp_cipher_klen ${value} is not the key size`);
			out.push({ field, value: KEY_SIZE });
			break;
		default: throw new Error(`session field ${field} = ${String(value)} has no C spelling here`);
		}
	}
	return out;
}

export function glueContext(): Record<string, unknown> {
	const g = ocf.WG_GLUE;
	return {
		guard: g.guard,
		streamHeader: STREAM_HEADER,
		headerName: path.posix.basename(GLUE_H),
		keySize: KEY_SIZE,
		keyLen: g.keyLen,
		tagSize: TAG_SIZE,
		tagLen: g.tagLen,
		blockSize: ocf.CHACHA20_NATIVE_BLOCK_LEN,
		nonce12Size: ocf.CHACHA20_POLY1305_IV_LEN,
		requestFlags: spellFlags(g.requestFlags, 'CRYPTO_F_'),
		encryptOp: spellOp(g.encryptOp),
		decryptOp: spellOp(g.decryptOp),
		crid: spellFlags(g.crid, 'CRYPTOCAP_F_'),
		sessionParams: sessionInitializers(),
	};
}

function banner(): string {
	return fileHeader('c', { generator: GENERATOR, inputs: INPUTS }).trimEnd();
}

export function renderGlueC(): string {
	return loadTemplate(path.join(TEMPLATES, 'wg_crypto_ocf.c.hbs'))({ ...glueContext(), banner: banner() });
}

export function renderGlueH(): string {
	return loadTemplate(path.join(TEMPLATES, 'wg_crypto_ocf.h.hbs'))({ ...glueContext(), banner: banner() });
}

export const ocfGlueGenerator: Generator = {
	name: 'ocf-glue',
	description: 'the WireGuard OCF/mbuf glue and its non-OCF fallback (sys/dev/wg/wg_crypto_ocf.{c,h})',
	plan(): PlannedFile[] {
		return [
			{ path: GLUE_C, generator: GENERATOR, inputs: INPUTS, render: renderGlueC },
			{ path: GLUE_H, generator: GENERATOR, inputs: INPUTS, render: renderGlueH },
		];
	},
};
